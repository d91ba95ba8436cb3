package dev.tandem.instance;

/** The master of a virtual router as one node sees it: itself, or the sender of the last advert heard. */
public record CurrentMaster(String address, int priority, boolean self) {}
