package dev.tandem.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's global_defs that tandem keeps. {@code nodeId} names this controller in journals and
 * must be unique per host; {@code routerId} need not be (both seed 003 nodes use LVS_DEVEL).
 * {@code enableScriptSecurity} and {@code scriptUser} are keepalived's enable_script_security and
 * script_user (empty: keepalived_script when that user exists, else the controller's own user).
 * {@code handoverOnStop} makes SIGTERM a zero-loss handover: a Master keeps its VIPs until the
 * new master advertises (false: keepalived's stop, which releases them at once).
 * {@code vrrpRtPriority} is keepalived's vrrp_rt_priority: 1-99 runs the VRRP thread with real-time
 * scheduling, 0 (keepalived's default) with normal scheduling.
 */
public record GlobalConfig(
    String nodeId,
    String routerId,
    List<String> notificationEmail,
    Optional<String> notificationEmailFrom,
    Optional<String> smtpServer,
    Duration smtpConnectTimeout,
    boolean smtpAlert,
    boolean enableScriptSecurity,
    Optional<String> scriptUser,
    boolean handoverOnStop,
    int vrrpRtPriority) {}
