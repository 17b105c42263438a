package dev.tradepulse.runtime.config;

/** A key and its text as one source wrote it, before it is checked. */
record RawEntry(String key, String text, Origin origin) {
}
