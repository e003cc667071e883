// The language and the REPL.
import YuqingCore
