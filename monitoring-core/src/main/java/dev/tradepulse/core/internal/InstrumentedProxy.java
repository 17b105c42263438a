package dev.tradepulse.core.internal;

/**
 * Implemented by generated subclass proxies, so that two proxies can compare their targets.
 * Public only because generated classes in the user's package must see it; not API. Thread-safe.
 */
public interface InstrumentedProxy {

    /**
     * The object this proxy delegates to.
     *
     * @return the target
     */
    Object tradepulseTarget();
}
