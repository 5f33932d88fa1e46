/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithCalendarService: calendars for the application. It lists the calendars of the
 * evolution-data-server registry as typed KithCalendarSource objects (for Preferences →
 * Calendars), follows those whose "use in Kith" setting is on (kept in Kith's settings, not in
 * the source), and keeps one KithCalendarWatch per followed calendar, which puts its meetings
 * on the timelines of the people in Kith who attend. It writes meetings made in Kith into a
 * calendar ("Schedule Meeting"). Nothing here waits on the main thread: the registry and
 * calendars are opened asynchronously or in worker threads, settings read and written on the
 * store's worker.
 */

#define G_LOG_DOMAIN "KithCalendar"

#include "config.h"

#include <glib/gi18n.h>
#include <libecal/libecal.h>
#include <string.h>

#include "kith-calendar-ical.h"
#include "kith-calendar-service.h"
#include "kith-eds.h"
#include "kith-eds-sources.h"
#include "kith-calendar-watch.h"
#include "kith-meetings.h"
#include "kith-settings.h"

#define DAY_SECONDS (24 * 3600)
/* The window Kith reads: two years back, one ahead, unless the settings say otherwise */
#define DEFAULT_PAST_DAYS 730
#define DEFAULT_FUTURE_DAYS 365
#define FOLLOW_KEY "calendar-follow:"
#define CREATE_PEOPLE_KEY "calendar-create-people:"
#define PAST_KEY "calendar-window-past-days"
#define FUTURE_KEY "calendar-window-future-days"
/* How long connecting to a calendar for a write may wait for its backend */
#define CONNECT_WAIT_SECONDS 30

struct _KithCalendarService
{
  GObject          parent_instance;

  KithStore       *store;
  GCancellable    *cancellable;
  KithEdsSources  *sources;     /* of KithCalendarSource; a KithCalendarWatch for each followed */
  GHashTable      *follow;      /* uid → "1" or "0": the setting, when the user changed it */
  GHashTable      *create_people; /* uid → "1" or "0": the option, off unless set */
  guint            past_days;
  guint            future_days;
  GMutex           clients_lock;
  GCond            clients_cond; /* a connection in clients completed */
  GHashTable      *clients;     /* uid → Connection, opened for writes and reads of Kith's
                                 * meetings: each timeline row asks whether Kith made its
                                 * meeting, and a connection each would cost a D-Bus round trip
                                 * to the factory and a client */
  gboolean         started;
  gboolean         ready;
};

G_DEFINE_FINAL_TYPE (KithCalendarService, kith_calendar_service, G_TYPE_OBJECT)

/* A calendar's client in clients: being connected (done unset) by the first thread that
 * wanted it, which the others wait for, then connected (client) or not (error) */
typedef struct {
  gboolean    done;
  ECalClient *client;
  GError     *error;
} Connection;

static void
connection_clear (Connection *connection)
{
  g_clear_object (&connection->client);
  g_clear_error (&connection->error);
}

static Connection *
connection_ref (Connection *connection)
{
  return g_atomic_rc_box_acquire (connection);
}

static void
connection_unref (Connection *connection)
{
  g_atomic_rc_box_release_full (connection, (GDestroyNotify) connection_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connection, connection_unref)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rule for "use in Kith" when the user has not chosen: the user's own calendars are
 * followed (local ones, and those of their accounts: CalDAV, Google, Microsoft…); calendars
 * evolution-data-server makes from other data (birthdays from contacts, weather) and
 * subscriptions to someone else's published calendar (webcal) are not. */
static gboolean
followed_by_default (ESource *source)
{
  static const char *not_own[] = { "contacts", "weather", "webcal", NULL };
  ESourceBackend *extension = e_source_get_extension (source, E_SOURCE_EXTENSION_CALENDAR);
  const char *backend = e_source_backend_get_backend_name (extension);

  return backend == NULL || !g_strv_contains (not_own, backend);
}

static gboolean
is_followed (KithCalendarService *self,
             ESource             *source)
{
  const char *setting = g_hash_table_lookup (self->follow, e_source_get_uid (source));

  return setting != NULL ? g_str_equal (setting, "1") : followed_by_default (source);
}

static void
window (KithCalendarService *self,
        time_t              *out_start,
        time_t              *out_end)
{
  time_t now = (time_t) (g_get_real_time () / G_USEC_PER_SEC);

  *out_start = now - (time_t) self->past_days * DAY_SECONDS;
  *out_end = now + (time_t) self->future_days * DAY_SECONDS;
}

static void
add_domain (GPtrArray  *domains,
            const char *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;
  g_autofree char *domain = at != NULL && at[1] != '\0' ? g_ascii_strdown (at + 1, -1) : NULL;

  if (domain != NULL && !g_ptr_array_find_with_equal_func (domains, domain, g_str_equal, NULL))
    g_ptr_array_add (domains, g_steal_pointer (&domain));
}

/* The domains of the user's own addresses: those of their mail identities, and the calendar's
 * own address (a CalDAV account's). Who has one is on the user's side, not from outside. */
static GStrv
own_domains (KithCalendarService *self,
             ESource             *source)
{
  GList *identities = e_source_registry_list_enabled (kith_eds_sources_get_registry (self->sources),
                                                      E_SOURCE_EXTENSION_MAIL_IDENTITY);
  GPtrArray *domains = g_ptr_array_new ();

  for (GList *l = identities; l != NULL; l = l->next)
    add_domain (domains, e_source_mail_identity_get_address (e_source_get_extension (l->data, E_SOURCE_EXTENSION_MAIL_IDENTITY)));
  g_list_free_full (identities, g_object_unref);
  if (e_source_has_extension (source, E_SOURCE_EXTENSION_WEBDAV_BACKEND))
    add_domain (domains, e_source_webdav_get_email_address (e_source_get_extension (source, E_SOURCE_EXTENSION_WEBDAV_BACKEND)));
  g_ptr_array_add (domains, NULL);

  return (GStrv) g_ptr_array_free (domains, FALSE);
}

static void
start_watch (KithCalendarService *self,
             ESource             *source,
             KithCalendarSource  *item)
{
  KithCalendarWatch *watch;
  time_t start, end;

  window (self, &start, &end);
  watch = kith_calendar_watch_new (self->store, kith_eds_sources_get_registry (self->sources), source, item,
                                   start, end);
  if (kith_calendar_source_get_create_people (item))
    {
      g_auto(GStrv) domains = own_domains (self, source);

      kith_calendar_watch_set_create_people (watch, (const char * const *) domains);
    }
  kith_eds_sources_add_watch (self->sources, e_source_get_uid (source), watch);
}

/* The item for @source, as the registry describes it now; a watch when it is followed */
static gpointer
update_item (ESource  *source,
             gpointer  user_data)
{
  KithCalendarService *self = user_data;
  const char *uid = e_source_get_uid (source);
  KithCalendarSource *known = kith_eds_sources_find (self->sources, uid);
  KithCalendarSource *item = known != NULL ? g_object_ref (known) : kith_calendar_source_new (uid);
  ESourceSelectable *selectable = e_source_get_extension (source, E_SOURCE_EXTENSION_CALENDAR);
  gboolean followed = is_followed (self, source);

  g_object_freeze_notify (G_OBJECT (item));
  kith_calendar_source_set_display_name (item, e_source_get_display_name (source));
  kith_calendar_source_set_color (item, e_source_selectable_get_color (selectable));
  kith_calendar_source_set_followed (item, followed);
  kith_calendar_source_set_create_people (item, g_strcmp0 (g_hash_table_lookup (self->create_people, uid), "1") == 0);
  if (followed && kith_eds_sources_get_watch (self->sources, uid) == NULL)
    start_watch (self, source, item);
  else if (!followed)
    {
      kith_eds_sources_stop_watch (self->sources, uid);
      kith_calendar_source_set_state (item, KITH_CALENDAR_STATE_OFF, NULL);
    }
  g_object_thaw_notify (G_OBJECT (item));

  return item;
}

typedef struct {
  GHashTable *follow;
  GHashTable *create_people;
  guint       past_days;
  guint       future_days;
} Settings;

static void
settings_free (Settings *settings)
{
  g_hash_table_unref (settings->follow);
  g_hash_table_unref (settings->create_people);
  g_free (settings);
}

static guint
days_setting (KithStore  *store,
              const char *key,
              guint       fallback)
{
  g_autofree char *text = kith_store_dup_setting (store, key);
  guint64 days;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 100 * 365, &days, NULL))
    return fallback;
  return (guint) days;
}

/* On the store's worker: the settings of the calendars @data names */
static gpointer
read_settings_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  const char * const *uids = data;
  Settings *settings = g_new0 (Settings, 1);

  settings->follow = kith_eds_read_settings (store, FOLLOW_KEY, uids);
  settings->create_people = kith_eds_read_settings (store, CREATE_PEOPLE_KEY, uids);
  settings->past_days = days_setting (store, PAST_KEY, DEFAULT_PAST_DAYS);
  settings->future_days = days_setting (store, FUTURE_KEY, DEFAULT_FUTURE_DAYS);

  return settings;
}

static void
on_settings_read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KithCalendarService) self = user_data;
  g_autoptr(GError) error = NULL;
  Settings *settings = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (settings == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Calendar settings not read: %s", error->message);
      return;
    }

  g_clear_pointer (&self->follow, g_hash_table_unref);
  self->follow = g_hash_table_ref (settings->follow);
  g_clear_pointer (&self->create_people, g_hash_table_unref);
  self->create_people = g_hash_table_ref (settings->create_people);
  self->past_days = settings->past_days;
  self->future_days = settings->future_days;
  settings_free (settings);

  kith_eds_sources_sync (self->sources, update_item, self);
  if (!self->ready)
    {
      self->ready = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

/* Reads the settings of every calendar of the registry, then follows what they say */
static void
reload (KithCalendarService *self)
{
  kith_store_run_async (self->store, read_settings_job, kith_eds_sources_dup_uids (self->sources),
                        (GDestroyNotify) g_strfreev, (GDestroyNotify) settings_free, self->cancellable,
                        on_settings_read_cb, g_object_ref (self));
}

/* @source: (nullable): the calendar that changed; %NULL: the registry has just opened */
static void
on_sources_changed_cb (KithEdsSources      *sources,
                       ESource             *source,
                       KithCalendarService *self)
{
  /* A calendar changed (its account, read-only, its password) or removed is connected to
   * afresh; a connection under way is not kept when it completes */
  if (source != NULL)
    {
      g_mutex_lock (&self->clients_lock);
      g_hash_table_remove (self->clients, e_source_get_uid (source));
      g_mutex_unlock (&self->clients_lock);
    }
  reload (self);
}

static void
kith_calendar_service_dispose (GObject *object)
{
  KithCalendarService *self = KITH_CALENDAR_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  kith_eds_sources_stop (self->sources);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_calendar_service_parent_class)->dispose (object);
}

static void
kith_calendar_service_finalize (GObject *object)
{
  KithCalendarService *self = KITH_CALENDAR_SERVICE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->sources);
  g_hash_table_unref (self->follow);
  g_hash_table_unref (self->create_people);
  g_hash_table_unref (self->clients);
  g_mutex_clear (&self->clients_lock);
  g_cond_clear (&self->clients_cond);

  G_OBJECT_CLASS (kith_calendar_service_parent_class)->finalize (object);
}

static void
kith_calendar_service_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KithCalendarService *self = KITH_CALENDAR_SERVICE (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_calendar_service_class_init (KithCalendarServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_calendar_service_dispose;
  object_class->finalize = kith_calendar_service_finalize;
  object_class->get_property = kith_calendar_service_get_property;

  /* Set once the registry's calendars are listed with their settings */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_calendar_service_init (KithCalendarService *self)
{
  self->cancellable = g_cancellable_new ();
  self->sources = kith_eds_sources_new (E_SOURCE_EXTENSION_CALENDAR, KITH_TYPE_CALENDAR_SOURCE,
                                        (KithEdsStopFunc) kith_calendar_watch_stop);
  g_signal_connect_object (self->sources, "changed", G_CALLBACK (on_sources_changed_cb), self, 0);
  self->follow = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->create_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->past_days = DEFAULT_PAST_DAYS;
  self->future_days = DEFAULT_FUTURE_DAYS;
  g_mutex_init (&self->clients_lock);
  g_cond_init (&self->clients_cond);
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) connection_unref);
}

KithCalendarService *
kith_calendar_service_new (KithStore *store)
{
  KithCalendarService *self;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  self = g_object_new (KITH_TYPE_CALENDAR_SERVICE, NULL);
  self->store = g_object_ref (store);

  return self;
}

/**
 * kith_calendar_service_start:
 *
 * Connects to the registry without blocking, and follows its calendars from then on.
 */
void
kith_calendar_service_start (KithCalendarService *self)
{
  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (self));

  if (self->started)
    return;

  self->started = TRUE;
  kith_eds_sources_start (self->sources);
}

gboolean
kith_calendar_service_is_ready (KithCalendarService *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SERVICE (self), FALSE);

  return self->ready;
}

/**
 * kith_calendar_service_get_sources:
 *
 * Returns: (transfer none): the registry's calendars, as #KithCalendarSource
 */
GListModel *
kith_calendar_service_get_sources (KithCalendarService *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SERVICE (self), NULL);

  return kith_eds_sources_get_items (self->sources);
}

/**
 * kith_calendar_service_find_source:
 *
 * Returns: (transfer none) (nullable): the calendar with @uid
 */
KithCalendarSource *
kith_calendar_service_find_source (KithCalendarService *self,
                                   const char          *uid)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SERVICE (self), NULL);

  return kith_eds_sources_find (self->sources, uid);
}

typedef struct {
  char     *uid;
  char     *key;        /* the setting */
  gboolean  on;
  gboolean  followed;   /* whether the calendar stays followed */
} SettingChange;

static void
setting_change_free (SettingChange *change)
{
  g_free (change->uid);
  g_free (change->key);
  g_free (change);
}

/* On the store's worker: the setting; a calendar no longer followed leaves the timelines */
static gpointer
write_setting_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  SettingChange *change = data;
  g_autofree char *source = g_strconcat ("calendar:", change->uid, NULL);
  g_auto(GStrv) meetings = NULL;

  if (!kith_store_set_setting (store, change->key, change->on ? "1" : "0", error))
    return NULL;
  if (change->followed)
    return GUINT_TO_POINTER (TRUE);

  if ((meetings = kith_store_list_meetings (store, source, error)) == NULL)
    return NULL;
  for (guint i = 0; meetings[i] != NULL; i++)
    if (!kith_store_remove_meeting (store, source, meetings[i], error))
      return NULL;

  return GUINT_TO_POINTER (TRUE);
}

static void
on_setting_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (kith_store_run_finish (KITH_STORE (source), result, &error) == NULL)
    g_warning ("The calendar setting was not saved: %s", error->message);
}

/* Saves a setting of the calendar @uid on the store's worker; when it is no longer @followed,
 * its meetings leave the timelines there too */
static void
save_setting (KithCalendarService *self,
              const char          *prefix,
              const char          *uid,
              gboolean             on,
              gboolean             followed)
{
  SettingChange *change = g_new0 (SettingChange, 1);

  change->uid = g_strdup (uid);
  change->key = g_strconcat (prefix, uid, NULL);
  change->on = on;
  change->followed = followed;
  /* The user asked for it: it completes even if the service goes away */
  kith_store_run_async (self->store, write_setting_job, change, (GDestroyNotify) setting_change_free, NULL,
                        NULL, on_setting_written_cb, NULL);
}

/**
 * kith_calendar_service_set_followed:
 *
 * The "use in Kith" switch: starts or stops reading the calendar with @uid, and remembers the
 * choice in Kith's settings. The meetings of a calendar no longer followed leave the timelines.
 */
void
kith_calendar_service_set_followed (KithCalendarService *self,
                                    const char          *uid,
                                    gboolean             followed)
{
  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (self));
  g_return_if_fail (uid != NULL);

  g_hash_table_insert (self->follow, g_strdup (uid), g_strdup (followed ? "1" : "0"));
  if (kith_eds_sources_get_registry (self->sources) != NULL)
    kith_eds_sources_sync (self->sources, update_item, self);
  save_setting (self, FOLLOW_KEY, uid, followed, followed);
}

/**
 * kith_calendar_service_set_create_people:
 *
 * The calendar's option "create people from attendees" (off unless set): a person is made of
 * every attendee from outside (no address of the user's domains) of its meetings that no record
 * has. Turned on, the calendar is read again from the start.
 */
void
kith_calendar_service_set_create_people (KithCalendarService *self,
                                         const char          *uid,
                                         gboolean             create_people)
{
  KithCalendarSource *item;
  g_autoptr(ESource) source = NULL;

  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (self));
  g_return_if_fail (uid != NULL);

  g_hash_table_insert (self->create_people, g_strdup (uid), g_strdup (create_people ? "1" : "0"));
  item = kith_eds_sources_find (self->sources, uid);
  if (item != NULL)
    kith_calendar_source_set_create_people (item, create_people);
  if (item != NULL && kith_eds_sources_get_watch (self->sources, uid) != NULL &&
      (source = e_source_registry_ref_source (kith_eds_sources_get_registry (self->sources), uid)) != NULL)
    {
      kith_eds_sources_stop_watch (self->sources, uid);
      start_watch (self, source, item);
    }
  save_setting (self, CREATE_PEOPLE_KEY, uid, create_people, TRUE);
}

/* In a worker thread: gives the backend the password stored for the calendar again, for a
 * server that refused it before (the password may have been changed since) */
static void
authenticate_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ESource *source = task_data;
  g_autofree char *password = NULL;
  ENamedParameters *credentials;

  if (!e_source_lookup_password_sync (source, cancellable, &password, NULL) || password == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  credentials = e_named_parameters_new ();
  e_named_parameters_set (credentials, E_SOURCE_CREDENTIAL_PASSWORD, password);
  if (e_source_has_extension (source, E_SOURCE_EXTENSION_AUTHENTICATION))
    e_named_parameters_set (credentials, E_SOURCE_CREDENTIAL_USERNAME,
                            e_source_authentication_get_user (e_source_get_extension (source, E_SOURCE_EXTENSION_AUTHENTICATION)));
  e_source_invoke_authenticate_sync (source, credentials, cancellable, NULL);
  e_named_parameters_free (credentials);
  g_task_return_boolean (task, TRUE);
}

/* In a worker thread, the stored password is given to the calendar's backend: this connects it to
 * the server, through the registry, without a client of the calendar */
static void
authenticate (KithCalendarService *self,
              ESource             *source)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, NULL, NULL);

  g_task_set_source_tag (task, authenticate);
  g_task_set_task_data (task, g_object_ref (source), g_object_unref);
  g_task_run_in_thread (task, authenticate_thread);
}

/**
 * kith_calendar_service_retry:
 *
 * "Retry" on the row of the calendar with @uid. A backend that could not reach its server stays
 * disconnected until it is asked to look again (at its next refresh, every minute), and opening
 * the calendar again does not ask it: evolution-data-server shares one backend per calendar among
 * its clients, and a new client waits for it to connect (CONNECT_WAIT_SECONDS). So a calendar
 * that is open is refreshed through its client, which connects the backend. One that is not (it
 * is still opening, or failed to), or whose server wanted a password, is opened again, its
 * backend given the password stored for it, which connects it, and then refreshed.
 */
void
kith_calendar_service_retry (KithCalendarService *self,
                             const char          *uid)
{
  ESourceRegistry *registry;
  g_autoptr(ESource) source = NULL;
  KithCalendarSource *item;
  KithCalendarWatch *watch;
  gboolean needs_password;

  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (self));

  registry = kith_eds_sources_get_registry (self->sources);
  if (registry == NULL || (source = e_source_registry_ref_source (registry, uid)) == NULL ||
      (item = kith_eds_sources_find (self->sources, uid)) == NULL || !kith_calendar_source_get_followed (item))
    return;

  needs_password = kith_calendar_source_get_state (item) == KITH_CALENDAR_STATE_NEEDS_PASSWORD;
  watch = kith_eds_sources_get_watch (self->sources, uid);
  g_debug ("Retry of %s, %s", uid, watch != NULL && kith_calendar_watch_is_open (watch) ? "open" : "not open");
  if (needs_password || watch == NULL || !kith_calendar_watch_is_open (watch))
    {
      authenticate (self, source);
      kith_eds_sources_stop_watch (self->sources, uid);
      start_watch (self, source, item);
      watch = kith_eds_sources_get_watch (self->sources, uid);
    }
  /* A password just given connects the backend; a refresh now would race it */
  if (!needs_password)
    kith_calendar_watch_reconnect (watch);
}

/* A write into a calendar, run in a worker thread */
typedef struct {
  ESource           *source;
  char              *uid;
  KithCalendarEvent *event;
} Write;

static void
write_free (Write *write)
{
  g_clear_object (&write->source);
  g_free (write->uid);
  kith_calendar_event_free (write->event);
  g_free (write);
}

/* The calendar's backend stopped (its process died, or the factory): the next use connects
 * again. Emitted on the main context. */
static void
on_client_backend_died_cb (EClient             *client,
                           KithCalendarService *self)
{
  const char *uid = e_source_get_uid (e_client_get_source (client));
  Connection *connection;

  g_debug ("The backend of calendar %s died", uid);
  g_mutex_lock (&self->clients_lock);
  connection = g_hash_table_lookup (self->clients, uid);
  if (connection != NULL && connection->client == (ECalClient *) client)
    g_hash_table_remove (self->clients, uid);
  g_mutex_unlock (&self->clients_lock);
}

/* In the thread that connects: @connection is done, and kept if it connected and is still the
 * calendar's (it was not dropped while it connected) */
static void
complete_connection (KithCalendarService *self,
                     const char          *uid,
                     Connection          *connection,
                     EClient             *connected,
                     const GError        *error)
{
  gboolean kept;

  g_mutex_lock (&self->clients_lock);
  connection->done = TRUE;
  connection->client = connected != NULL ? E_CAL_CLIENT (g_object_ref (connected)) : NULL;
  connection->error = error != NULL ? g_error_copy (error) : NULL;
  kept = connected != NULL && g_hash_table_lookup (self->clients, uid) == connection;
  if (!kept && g_hash_table_lookup (self->clients, uid) == connection)
    g_hash_table_remove (self->clients, uid);
  g_cond_broadcast (&self->clients_cond);
  g_mutex_unlock (&self->clients_lock);

  if (kept)
    g_signal_connect_object (connected, "backend-died", G_CALLBACK (on_client_backend_died_cb), self, 0);
}

/* A client of @source's calendar, connected once and kept; in a worker thread. Threads that
 * want the same calendar while it connects wait for that one connection. */
static ECalClient *
client_for (KithCalendarService  *self,
            ESource              *source,
            GCancellable         *cancellable,
            GError              **error)
{
  const char *uid = e_source_get_uid (source);

  for (;;)
    {
      g_autoptr(Connection) connection = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(EClient) connected = NULL;

      g_mutex_lock (&self->clients_lock);
      connection = g_hash_table_lookup (self->clients, uid);
      if (connection != NULL)
        {
          connection_ref (connection);
          while (!connection->done)
            g_cond_wait (&self->clients_cond, &self->clients_lock);
          g_mutex_unlock (&self->clients_lock);
          if (connection->client != NULL)
            return g_object_ref (connection->client);
          /* The thread that connected was cancelled, not this one: connect again */
          if (g_error_matches (connection->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
              !g_cancellable_is_cancelled (cancellable))
            continue;
          g_propagate_error (error, g_error_copy (connection->error));
          return NULL;
        }
      connection = g_atomic_rc_box_new0 (Connection);
      g_hash_table_insert (self->clients, g_strdup (uid), connection_ref (connection));
      g_mutex_unlock (&self->clients_lock);

      connected = kith_eds_connect_sync (source, KITH_EDS_EVENTS, CONNECT_WAIT_SECONDS, cancellable, &local_error);
      complete_connection (self, uid, connection, connected, local_error);
      if (connected == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return E_CAL_CLIENT (g_steal_pointer (&connected));
    }
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Write *write = task_data;
  GError *error = NULL;
  g_autoptr(ECalClient) client = client_for (source_object, write->source, cancellable, &error);
  char *uid = client != NULL ? kith_calendar_writer_create (client, write->event, cancellable, &error) : NULL;

  if (uid == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, uid, g_free);
}

static void
modify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Write *write = task_data;
  GError *error = NULL;
  g_autoptr(ECalClient) client = client_for (source_object, write->source, cancellable, &error);

  if (client == NULL || !kith_calendar_writer_modify (client, write->uid, write->event, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Write *write = task_data;
  GError *error = NULL;
  g_autoptr(ECalClient) client = client_for (source_object, write->source, cancellable, &error);
  KithCalendarEvent *event = client != NULL ? kith_calendar_writer_read (client, write->uid, cancellable, &error) : NULL;

  if (event == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, event, (GDestroyNotify) kith_calendar_event_free);
}

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Write *write = task_data;
  GError *error = NULL;
  g_autoptr(ECalClient) client = client_for (source_object, write->source, cancellable, &error);

  if (client == NULL || !kith_calendar_writer_remove (client, write->uid, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Runs @func on a write into (or a read of a meeting Kith wrote in) the calendar
 * @calendar_uid; one the registry does not have is
 * refused at once */
static void
run_write (KithCalendarService     *self,
           gpointer                 source_tag,
           GTaskThreadFunc          func,
           const char              *calendar_uid,
           const char              *event_uid,
           const KithCalendarEvent *event,
           GCancellable            *cancellable,
           GAsyncReadyCallback      callback,
           gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ESourceRegistry *registry = kith_eds_sources_get_registry (self->sources);
  ESource *source = registry != NULL ? e_source_registry_ref_source (registry, calendar_uid) : NULL;
  Write *write;

  g_task_set_source_tag (task, source_tag);
  if (source == NULL || !e_source_has_extension (source, E_SOURCE_EXTENSION_CALENDAR))
    {
      g_clear_object (&source);
      g_task_return_new_error (task, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_NOT_FOUND,
                               _("There is no calendar “%s”"), calendar_uid);
      return;
    }

  write = g_new0 (Write, 1);
  write->source = source;
  write->uid = g_strdup (event_uid);
  write->event = event != NULL ? kith_calendar_event_copy (event) : NULL;
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);
  g_task_run_in_thread (task, func);
}

/**
 * kith_calendar_service_create_event_async:
 * @calendar_uid: a writable calendar of the registry
 *
 * Writes a meeting into the calendar, through evolution-data-server so that it reaches the
 * server. A read-only calendar is refused (%KITH_CALENDAR_ERROR_READ_ONLY). When the calendar
 * is followed, the meeting then reaches the timelines as any other event does.
 */
void
kith_calendar_service_create_event_async (KithCalendarService     *self,
                                          const char              *calendar_uid,
                                          const KithCalendarEvent *event,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data)
{
  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (self));
  g_return_if_fail (calendar_uid != NULL && event != NULL);

  run_write (self, kith_calendar_service_create_event_async, create_thread, calendar_uid, NULL, event,
             cancellable, callback, user_data);
}

/**
 * kith_calendar_service_create_event_finish:
 *
 * Returns: (transfer full): the new event's UID, or %NULL with @error set
 */
char *
kith_calendar_service_create_event_finish (KithCalendarService  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kith_calendar_service_create_event_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kith_calendar_service_modify_event_async:
 *
 * Changes a meeting made in Kith; any other event is refused (%KITH_CALENDAR_ERROR_NOT_KITHS).
 */
void
kith_calendar_service_modify_event_async (KithCalendarService     *self,
                                          const char              *calendar_uid,
                                          const char              *event_uid,
                                          const KithCalendarEvent *event,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data)
{
  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (self));
  g_return_if_fail (calendar_uid != NULL && event_uid != NULL && event != NULL);

  run_write (self, kith_calendar_service_modify_event_async, modify_thread, calendar_uid, event_uid, event,
             cancellable, callback, user_data);
}

gboolean
kith_calendar_service_modify_event_finish (KithCalendarService  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kith_calendar_service_modify_event_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kith_calendar_service_remove_event_async:
 *
 * Removes a meeting made in Kith from its calendar; any other event is refused.
 */
void
kith_calendar_service_remove_event_async (KithCalendarService *self,
                                          const char          *calendar_uid,
                                          const char          *event_uid,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (self));
  g_return_if_fail (calendar_uid != NULL && event_uid != NULL);

  run_write (self, kith_calendar_service_remove_event_async, remove_thread, calendar_uid, event_uid, NULL,
             cancellable, callback, user_data);
}

gboolean
kith_calendar_service_remove_event_finish (KithCalendarService  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kith_calendar_service_remove_event_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kith_calendar_service_read_event_async:
 *
 * Reads a meeting made in Kith back from its calendar (to change it, or to write it again after
 * it was removed); any other event is refused (%KITH_CALENDAR_ERROR_NOT_KITHS), which is also how
 * to learn whether Kith made it.
 */
void
kith_calendar_service_read_event_async (KithCalendarService *self,
                                        const char          *calendar_uid,
                                        const char          *event_uid,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (KITH_IS_CALENDAR_SERVICE (self));
  g_return_if_fail (calendar_uid != NULL && event_uid != NULL);

  run_write (self, kith_calendar_service_read_event_async, read_thread, calendar_uid, event_uid, NULL,
             cancellable, callback, user_data);
}

/**
 * kith_calendar_service_read_event_finish:
 *
 * Returns: (transfer full): the meeting, with its UID, or %NULL with @error set
 */
KithCalendarEvent *
kith_calendar_service_read_event_finish (KithCalendarService  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kith_calendar_service_read_event_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
