/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Deleting a meeting Kith made, from its row on a timeline: the event goes from its calendar at
 * once (so from the server, and from every timeline when the calendar reports it), and a toast
 * offers to bring it back: Undo writes the same meeting again, under the same UID. When the toast
 * goes without Undo, the removal stands. The meeting is read before it is removed, for that. Both
 * are writes the user asked for: they complete even when the profile is closed meanwhile.
 */

#define G_LOG_DOMAIN "KithMeetingDelete"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-meeting-delete.h"

typedef struct {
  GtkWidget           *widget;        /* weak: where the toasts show, while it is there */
  KithCalendarService *calendars;
  char                *calendar_uid;
  KithCalendarEvent   *event;         /* as it was before it was removed */
} Deletion;

static void
deletion_free (Deletion *deletion)
{
  g_clear_weak_pointer (&deletion->widget);
  g_clear_object (&deletion->calendars);
  g_free (deletion->calendar_uid);
  kith_calendar_event_free (deletion->event);
  g_free (deletion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deletion, deletion_free)

static Deletion *
deletion_new (GtkWidget           *widget,
              KithCalendarService *calendars,
              const char          *calendar_uid)
{
  Deletion *deletion = g_new0 (Deletion, 1);

  g_set_weak_pointer (&deletion->widget, widget);
  deletion->calendars = g_object_ref (calendars);
  deletion->calendar_uid = g_strdup (calendar_uid);
  return deletion;
}

/* What went wrong, in a toast (@format takes the reason): a read-only calendar by its name,
 * one that is gone as gone, rather than by its UID */
static void
show_error (Deletion     *deletion,
            const char   *format,
            const GError *error)
{
  KithCalendarSource *source = kith_calendar_service_find_source (deletion->calendars, deletion->calendar_uid);
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;

  if (deletion->widget == NULL)
    return;
  if (source == NULL)
    reason = g_strdup (_("its calendar is no longer available"));
  else if (g_error_matches (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_READ_ONLY))
    /* Translators: %s is the name of a calendar */
    reason = g_strdup_printf (_("the calendar “%s” is read-only"), kith_calendar_source_get_display_name (source));
  else
    reason = g_strdup (error->message);
  text = g_strdup_printf (format, reason);
  kith_widget_add_toast (deletion->widget, adw_toast_new (text));
}

static void
on_written_again_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Deletion) deletion = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = kith_calendar_service_create_event_finish (KITH_CALENDAR_SERVICE (source), result, &error);

  /* The timelines show it again when the calendar reports it */
  if (uid == NULL)
    /* Translators: %s says what went wrong */
    show_error (deletion, _("The meeting could not be brought back: %s"), error);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Deletion *deletion)
{
  Deletion *undo = deletion_new (deletion->widget, deletion->calendars, deletion->calendar_uid);

  kith_calendar_service_create_event_async (deletion->calendars, deletion->calendar_uid, deletion->event, NULL,
                                            on_written_again_cb, undo);
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Deletion) deletion = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *widget;
  AdwToast *toast;

  if (!kith_calendar_service_remove_event_finish (KITH_CALENDAR_SERVICE (source), result, &error))
    {
      /* Translators: %s says what went wrong */
      show_error (deletion, _("The meeting could not be deleted: %s"), error);
      return;
    }
  if (deletion->widget == NULL)
    return;

  widget = deletion->widget;
  toast = adw_toast_new (_("Meeting deleted from the calendar"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                         g_steal_pointer (&deletion), (GClosureNotify) G_CALLBACK (deletion_free), 0);
  kith_widget_add_toast (widget, toast);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Deletion) deletion = user_data;
  g_autoptr(GError) error = NULL;
  Deletion *removal;

  deletion->event = kith_calendar_service_read_event_finish (KITH_CALENDAR_SERVICE (source), result, &error);
  if (deletion->event == NULL)
    {
      show_error (deletion, _("The meeting could not be deleted: %s"), error);
      return;
    }

  removal = g_steal_pointer (&deletion);
  kith_calendar_service_remove_event_async (removal->calendars, removal->calendar_uid, removal->event->uid, NULL,
                                            on_removed_cb, removal);
}

/**
 * kith_meeting_delete:
 * @widget: where the toasts show
 * @calendar_uid: the meeting's calendar
 * @event_uid: the UID of a meeting made in Kith
 *
 * Removes the meeting from its calendar; a toast then offers Undo.
 */
void
kith_meeting_delete (GtkWidget           *widget,
                     KithCalendarService *calendars,
                     const char          *calendar_uid,
                     const char          *event_uid)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (calendars));

  kith_calendar_service_read_event_async (calendars, calendar_uid, event_uid, NULL, on_read_cb,
                                          deletion_new (widget, calendars, calendar_uid));
}
