package dev.tradepulse.http;

/** When component messages and details are shown; component statuses are always shown. Thread-safe (an enum). */
public enum DetailVisibility {
    /** Never, even with a token. */
    NEVER,
    /** Only to requests with the configured bearer token (the default). */
    WHEN_AUTHORIZED,
    /** To everyone: only for endpoints nobody outside can reach. */
    ALWAYS
}
