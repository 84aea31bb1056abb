package fi.lupaus.engine.fact;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The company's time zone, given to the rules so that they can keep contacts out of the night:
 * {@code Action.thank($calendar.outsideQuietHours($now, 22, 8))}.
 *
 * @param timeZone an IANA zone id, e.g. {@code Europe/Helsinki}
 */
public record CompanyCalendar(String timeZone) {

    public CompanyCalendar {
        Objects.requireNonNull(timeZone, "timeZone");
        ZoneId.of(timeZone);
    }

    /** The hour of day (0–23) of the instant in the company's time zone. */
    public int hourAt(Instant at) {
        return at.atZone(ZoneId.of(timeZone)).getHour();
    }

    /**
     * The instant itself when it is not in the quiet hours {@code [quietFrom, quietUntil)} of the
     * company's day, otherwise the next {@code quietUntil} o'clock: with 22 and 8, a contact due
     * at 23:30 or at 06:00 moves to 08:00.
     */
    public Instant outsideQuietHours(Instant at, int quietFrom, int quietUntil) {
        ZonedDateTime local = at.atZone(ZoneId.of(timeZone));
        int hour = local.getHour();
        boolean quiet = quietFrom > quietUntil
                ? hour >= quietFrom || hour < quietUntil
                : hour >= quietFrom && hour < quietUntil;
        if (!quiet) {
            return at;
        }
        ZonedDateTime morning = local.with(LocalTime.of(quietUntil, 0));
        if (!morning.isAfter(local)) {
            morning = morning.plusDays(1);
        }
        return morning.toInstant();
    }
}
