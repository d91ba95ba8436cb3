package dev.tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tandem run --keepalived-config FILE} with the keepalived.conf of seed 000 as its user wrote
 * it, comments and all (only its interface ens33 and VIP 192.168.252.101 made the lab's eth0 and a
 * documentation address), against real keepalived 2.2.7 running seed 000's backup file.
 */
class KeepalivedConfRunIT extends TwoNodeLab {
  private static final String VIP = "192.0.2.131";
  private static final String SEED_000_MASTER = """
      global_defs {
          #路由ID ，保证全局唯一
         router_id keep_131
      }

      vrrp_instance VI_1 {
          #表示这台机器是主机(MASTER)还是备用机BACKUP
          state MASTER
          #网卡名称 ens33
          interface eth0
          #保证主备节点一致
          virtual_router_id 51
          #权重，master一般高于backup
          priority 100
          #主备间同步检查时间间隔 单位：秒
          advert_int 1
          #认证权限密码 防止非法节点进入
          authentication {
              auth_type PASS
              auth_pass 1111
          }
          # 虚拟IP 可以是多个
          virtual_ipaddress {
              #主备机的vip要保持一致
              192.0.2.131
          }
      }
      """;
  /** Seed 000's backup differs only in its router_id, state and priority. */
  private static final String SEED_000_BACKUP = SEED_000_MASTER.replace("keep_131", "keep_132")
      .replace("state MASTER", "state BACKUP").replace("priority 100", "priority 80");
  /** The backup's settings, for the takeover times the capture is checked against. */
  private static final LabInstance BACKUP = LabInstance.v2("VI_1", 51, 80, VIP + "/32").startingAsBackup();

  @Override
  void requireTools() {
    super.requireTools();
    LabRequirements.requireKeepalived();
  }

  @Test
  void tandemRunFromTheSeedsKeepalivedConfIsMasterAndKeepalivedTakesOverWhenItIsKilled() {
    // One after the other: keepalived starts in milliseconds, a JVM in seconds, so started together
    // keepalived would be Master for a moment before tandem's higher priority preempted it.
    LabProcess tandem = stopAfterTest(lab.startTandemFromKeepalivedConf(lb1, jar, SEED_000_MASTER));
    assertTrue(Lab.waitFor(STARTUP, () -> lab.holds(lb1, VIP) && tandem.log().contains("(VI_1) Entering MASTER STATE")),
        tandem.log());
    LabProcess keepalived = stopAfterTest(lab.startKeepalived(lb2, SEED_000_BACKUP));
    assertTrue(Lab.waitFor(STARTUP, () -> keepalived.log().contains("(VI_1) Entering BACKUP STATE")), keepalived.log());
    assertFalse(Lab.waitFor(BACKUP.masterDownInterval().multipliedBy(2), () -> lab.holds(lb2, VIP)),
        "keepalived stays Backup while tandem is Master: " + keepalived.log());
    assertFalse(keepalived.log().contains("Entering MASTER STATE"), keepalived.log());

    Instant killed = Instant.now();
    tandem.kill();
    awaitTakeover(BACKUP, killed, keepalived);
    assertTrue(Lab.waitFor(BOUND, () -> lab.holds(lb2, VIP)
        && keepalived.log().contains("(VI_1) Entering MASTER STATE")), keepalived.log());

    assertEquals(List.of(), VrrpLogs.problems(tandem.log()), "tandem on lb1");
    assertEquals(List.of(), VrrpLogs.problems(keepalived.log()), "keepalived on lb2");
  }
}
