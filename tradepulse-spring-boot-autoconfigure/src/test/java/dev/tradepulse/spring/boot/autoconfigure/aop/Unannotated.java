package dev.tradepulse.spring.boot.autoconfigure.aop;

/** A bean without any of the annotations. */
public class Unannotated {

    public String hello() {
        return "hello";
    }
}
