package dev.tradepulse.core.internal;

/** Implemented by generated subclass proxies, so that two proxies can compare their targets. */
public interface InstrumentedProxy {

    /**
     * The object this proxy delegates to.
     *
     * @return the target
     */
    Object tradepulseTarget();
}
