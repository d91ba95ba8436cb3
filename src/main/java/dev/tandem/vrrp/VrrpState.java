package dev.tandem.vrrp;

/** The states of RFC 3768 / 5798 §6.4, plus keepalived's Fault. */
public enum VrrpState { INITIALIZE, BACKUP, MASTER, FAULT }
