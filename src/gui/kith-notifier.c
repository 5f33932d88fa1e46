/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithNotifier"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-agenda-store.h"
#include "kith-notifier.h"

/*
 * Raises a desktop notification for each to-do and next-step reminder as it comes due, with
 * Done or Open, and Snooze. When more came due at once than a few (the first start after a
 * while away), one notification says how many, and opens the Agenda. A notification has at most
 * three buttons, as many as GNOME Shell shows. The actions are application actions, so they work
 * with no window open while the application keeps running in the background.
 */

/* Past the start of a minute, so that what is due at that minute is due when looked for */
#define CHECK_MARGIN_MS 200
#define MAX_SEPARATE 3   /* notifications at once; past that, one for all */
#define SUMMARY_ID "kith-due"

struct _KithNotifier
{
  GObject        parent_instance;

  GApplication  *application;   /* weak: the application owns the notifier */
  KithStore     *store;
  GCancellable  *cancellable;
  guint          timeout_id;
  gboolean       checking;
};

G_DEFINE_FINAL_TYPE (KithNotifier, kith_notifier, G_TYPE_OBJECT)

static char *
notification_id (const char *kind,
                 gint64      ref)
{
  return g_strdup_printf ("kith-%s-%" G_GINT64_FORMAT, kind, ref);
}

static gboolean
is_todo (KithAgendaEntry *entry)
{
  return kith_agenda_entry_get_kind (entry) == KITH_AGENDA_ENTRY_TODO;
}

/* What a notification says: a to-do's subject, or that a next step is due */
static char *
dup_title (KithAgendaEntry *entry)
{
  if (is_todo (entry))
    return g_strdup (kith_agenda_entry_get_title (entry));

  return g_strdup (_("Next step due"));
}

/* Who a to-do is about, or whose next step it is */
static char *
dup_body (KithAgendaEntry *entry)
{
  const char * const *people = kith_agenda_entry_get_people (entry);

  if (is_todo (entry))
    return g_strdup (people != NULL ? people[0] : NULL);

  return g_strdup_printf ("%s: %s", kith_agenda_entry_get_title (entry),
                          kith_agenda_entry_get_detail (entry) != NULL ? kith_agenda_entry_get_detail (entry) : "");
}

static void
send_notification (KithNotifier    *self,
                   KithAgendaEntry *entry)
{
  const char *kind = is_todo (entry) ? "todo" : "reminder";
  gint64 ref = kith_agenda_entry_get_id (entry);
  const char *due = kith_agenda_entry_get_day (entry);
  gint64 record = kith_agenda_entry_get_record_id (entry);
  g_autofree char *title = dup_title (entry);
  g_autofree char *body = dup_body (entry);
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) tomorrow_morning = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                                 g_date_time_get_month (tomorrow),
                                                                 g_date_time_get_day_of_month (tomorrow), 9, 0, 0);
  g_autofree char *id = notification_id (kind, ref);
  gint64 in_an_hour = g_get_real_time () / 1000 + 3600 * 1000;

  if (body != NULL)
    g_notification_set_body (notification, body);
  g_notification_set_category (notification, "x-gnome.kith.reminder");

  if (record != 0)
    g_notification_set_default_action_and_target (notification, "app.open-record", "x", record);
  else
    g_notification_set_default_action (notification, "app.show-agenda");

  /* Three buttons: a to-do is opened by clicking the notification */
  if (is_todo (entry))
    g_notification_add_button_with_target (notification, _("Done"), "app.todo-done", "x", ref);
  g_notification_add_button_with_target (notification, _("Snooze 1 Hour"), "app.snooze",
                                         "(sxsx)", kind, ref, due, in_an_hour);
  g_notification_add_button_with_target (notification, _("Tomorrow"), "app.snooze",
                                         "(sxsx)", kind, ref, due,
                                         g_date_time_to_unix (tomorrow_morning) * 1000);
  if (record != 0 && !is_todo (entry))
    g_notification_add_button_with_target (notification, _("Open"), "app.open-record", "x", record);

  g_application_send_notification (self->application, id, notification);
}

/* One notification for many: how many came due, the first few by name; it opens the Agenda */
static void
send_summary (KithNotifier *self,
              GPtrArray    *entries)
{
  guint n = entries->len;
  guint n_todos = 0;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;

  for (guint i = 0; i < n; i++)
    if (is_todo (g_ptr_array_index (entries, i)))
      n_todos++;

  if (n_todos == n)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to-do is due", "%u to-dos are due", n), n);
  else if (n_todos == 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u next step is due", "%u next steps are due", n), n);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to-do or next step is due",
                                          "%u to-dos and next steps are due", n), n);

  for (guint i = 0; i < MIN (n, MAX_SEPARATE); i++)
    {
      g_autofree char *line = dup_title (g_ptr_array_index (entries, i));

      g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "", line);
    }
  if (n > MAX_SEPARATE)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                            n - MAX_SEPARATE), n - MAX_SEPARATE);

      g_string_append_printf (body, "\n%s", more);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_category (notification, "x-gnome.kith.reminder");
  g_notification_set_default_action (notification, "app.show-agenda");
  g_notification_add_button (notification, _("Show Agenda"), "app.show-agenda");

  g_application_send_notification (self->application, SUMMARY_ID, notification);
}

static void
on_taken_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithNotifier) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kith_store_take_notifications_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking = FALSE;

  if (entries == NULL)
    {
      g_warning ("Could not check for due reminders: %s", error->message);
      return;
    }

  if (self->application == NULL)
    return;

  if (entries->len > MAX_SEPARATE)
    {
      send_summary (self, entries);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    send_notification (self, g_ptr_array_index (entries, i));
}

/* Looks for what came due and raises a notification for each, once */
static void
check (KithNotifier *self)
{
  if (self->checking)
    return;

  self->checking = TRUE;
  kith_store_take_notifications_async (self->store, self->cancellable, on_taken_cb, g_object_ref (self));
}

static gboolean on_timeout_cb (gpointer data);

/* The next check at the start of the next minute: a to-do due at 15:00 is raised at 15:00, not
 * up to a minute later. Timed anew each time, so the checks stay on the minute however long
 * one takes or the computer sleeps */
static void
schedule_check (KithNotifier *self)
{
  gint64 now_ms = g_get_real_time () / 1000;
  gint64 next_ms = (now_ms / 60000 + 1) * 60000 + CHECK_MARGIN_MS;

  self->timeout_id = g_timeout_add ((guint) (next_ms - now_ms), on_timeout_cb, self);
}

static gboolean
on_timeout_cb (gpointer data)
{
  KithNotifier *self = data;

  self->timeout_id = 0;
  check (self);
  schedule_check (self);

  return G_SOURCE_REMOVE;
}

/* A write from a notification's button; @user_data is the write's finish function */
static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean (*finish) (KithStore *, GAsyncResult *, GError **) = user_data;

  if (!finish (KITH_STORE (source), result, &error))
    g_warning ("%s", error->message);
}

static void
todo_done_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  KithNotifier *self = user_data;
  gint64 todo = g_variant_get_int64 (parameter);
  g_autofree char *id = notification_id ("todo", todo);

  if (self->application != NULL)
    g_application_withdraw_notification (self->application, id);
  kith_store_set_todo_done_async (self->store, todo, TRUE, on_written_cb,
                                  (gpointer) kith_store_change_todo_finish);
}

static void
snooze_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  KithNotifier *self = user_data;
  const char *kind;
  const char *due;
  gint64 ref;
  gint64 until;
  g_autofree char *id = NULL;

  g_variant_get (parameter, "(&sx&sx)", &kind, &ref, &due, &until);
  id = notification_id (kind, ref);
  if (self->application != NULL)
    g_application_withdraw_notification (self->application, id);
  kith_store_snooze_notification_async (self->store, kind, ref, due, until, on_written_cb,
                                        (gpointer) kith_store_snooze_notification_finish);
}

static void
kith_notifier_dispose (GObject *object)
{
  KithNotifier *self = (KithNotifier *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (kith_notifier_parent_class)->dispose (object);
}

static void
kith_notifier_finalize (GObject *object)
{
  KithNotifier *self = (KithNotifier *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_notifier_parent_class)->finalize (object);
}

static void
kith_notifier_class_init (KithNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_notifier_dispose;
  object_class->finalize = kith_notifier_finalize;
}

static void
kith_notifier_init (KithNotifier *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * kith_notifier_new:
 *
 * Adds the actions "app.todo-done" and "app.snooze" to @application, checks for due reminders
 * now and then at the start of every minute. "app.open-record" and "app.show-agenda" are the application's.
 *
 * Returns: (transfer full): the notifier
 */
KithNotifier *
kith_notifier_new (GApplication *application,
                   KithStore    *store)
{
  const GActionEntry entries[] = {
    { "todo-done", todo_done_activated, "x" },
    { "snooze", snooze_activated, "(sxsx)" },
  };
  KithNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  self = g_object_new (KITH_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);

  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries), self);
  schedule_check (self);
  check (self);

  return self;
}
