// The store: the Store protocol, the in-memory store and the SQLite store.
import YuqingCore
