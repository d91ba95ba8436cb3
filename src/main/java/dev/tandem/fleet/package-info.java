/**
 * The fleet journal: every node's events in one PostgreSQL database, for one audit trail.
 *
 * <p>A package of its own, beside {@code audit} and apart from {@code instance}, so that nothing on
 * the VRRP path can reach it: instances journal locally only, and {@link dev.tandem.fleet.FleetReplicator}
 * copies the local journal to PostgreSQL on its own thread, whatever state PostgreSQL is in.
 * {@link dev.tandem.fleet.FleetStore} is the PostgreSQL side, used by the replicator to write and by
 * {@code tandem audit --fleet} to read.
 */
package dev.tandem.fleet;
