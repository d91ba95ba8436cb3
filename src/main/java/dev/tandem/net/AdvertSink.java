package dev.tandem.net;

import dev.tandem.wire.Discard;
import dev.tandem.wire.ReceivedAdvert;

/** Where a {@link LinkHub} hands the frames for one VRID; called on the link's receive thread. */
public interface AdvertSink {
  void accept(ReceivedAdvert advert, long receivedAtNanos);

  void discard(Discard discard);
}
