package dev.tandem.instance;

import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Asks a child to answer once everything sent to it before has been done (mailboxes are FIFO),
 * so that a stopping instance does not stop its children before the priority-0 advert, the
 * address removal and the stop notifications have happened.
 */
public record Drain(ActorRef<Done> replyTo)
    implements AdvertSender.Command, VipBinder.Command, Notifier.Command, NotifyScripts.Command {}
