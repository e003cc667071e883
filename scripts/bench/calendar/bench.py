"""The Python side of calendar-bench.sh: the same additions with chinesecalendar, in one process."""
import datetime
import sys
import time

import chinese_calendar

count = int(sys.argv[1])
first = datetime.date(2019, 1, 1)
span = (datetime.date(2026, 6, 30) - first).days + 1
epoch = datetime.date(1970, 1, 1)
mask = (1 << 64) - 1
state = 42
inputs = []
for _ in range(count):
    state = (state * 6364136223846793005 + 1442695040888963407) & mask
    start = first + datetime.timedelta(days=(state >> 33) % span)
    state = (state * 6364136223846793005 + 1442695040888963407) & mask
    inputs.append((start, 1 + (state >> 33) % 15))

one = datetime.timedelta(days=1)
checksum = 0
t0 = time.perf_counter()
for start, n in inputs:
    # find_workday(0, d) is d itself when d is a workday: start from the next day to skip the start day, as yuqing does.
    checksum += (chinese_calendar.find_workday(n - 1, start + one) - epoch).days
t1 = time.perf_counter()
print("python", t1 - t0, count, checksum)
