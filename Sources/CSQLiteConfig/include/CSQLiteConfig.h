#ifndef YUQING_CSQLITECONFIG_H
#define YUQING_CSQLITECONFIG_H

/// Turns off SQLite's memory statistics for the whole process (`sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0)`).
/// With them on (the default) every `sqlite3_malloc` and `sqlite3_free` takes a global mutex to count bytes, about
/// 5 % of a script's time; yuqing never reads those counters. `sqlite3_config` is variadic, so Swift cannot call it:
/// this shim does. It must run before the first connection is opened (before `sqlite3_initialize`); later it does
/// nothing and returns SQLITE_MISUSE. Returns SQLite's result code.
int yuqing_sqlite_disable_memstatus(void);

#endif
