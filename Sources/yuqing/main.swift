import YuqingShell
print("yuqing")
