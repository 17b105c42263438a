package dev.tradepulse.core.internal;

/** ModuleBoundariesTest's fixture: stands for a class in core's internal package. */
public final class CoreInternalFixture {
}
