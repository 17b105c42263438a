package dev.tradepulse.spring.boot.autoconfigure.aop;

import io.micrometer.core.annotation.Timed;

/** An interface whose method carries the annotation, for JDK proxies and {@code TradePulse.instrument}. */
public interface Quotes {

    @Timed("quotes.fetch")
    String quote(String symbol);

    /** The implementation. */
    class Fixed implements Quotes {
        @Override
        public String quote(String symbol) {
            return symbol + "=100";
        }
    }
}
