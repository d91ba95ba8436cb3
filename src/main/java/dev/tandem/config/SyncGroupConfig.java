package dev.tandem.config;

import java.util.List;

/**
 * keepalived's vrrp_sync_group: instances that go Master, Backup and Fault together. Validated:
 * every instance exists and belongs to no other group.
 */
public record SyncGroupConfig(String name, List<String> instances, Origin origin) {
  public SyncGroupConfig {
    instances = List.copyOf(instances);
  }
}
