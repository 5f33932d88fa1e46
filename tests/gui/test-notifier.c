/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Reminders as the desktop gets them: the test owns org.gtk.Notifications on the private
 * session bus (the interface GNOME Shell serves) and records every notification the
 * application sends, on a store in a temporary data dir.
 */

#include <gio/gio.h>

#include "kith-agenda-store.h"
#include "kith-notifier.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"

static const char introspection[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' name='app_id' direction='in'/>"
  "      <arg type='s' name='id' direction='in'/>"
  "      <arg type='a{sv}' name='notification' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' name='app_id' direction='in'/>"
  "      <arg type='s' name='id' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* The notification server: its own connection to the bus, and what it was sent */
typedef struct {
  GDBusConnection *connection;
  guint            owner_id;
  guint            object_id;
  gboolean         owned;
  GPtrArray       *added;   /* GVariant (ssa{sv}) */
} Server;

static void
on_method_call_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  Server *server = user_data;

  if (g_str_equal (method, "AddNotification"))
    g_ptr_array_add (server->added, g_variant_ref (parameters));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ((Server *) user_data)->owned = TRUE;
}

static gboolean
server_owns_name (gpointer data)
{
  return ((Server *) data)->owned;
}

static Server *
server_start (void)
{
  static const GDBusInterfaceVTable vtable = { on_method_call_cb };
  Server *server = g_new0 (Server, 1);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  server->added = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  server->connection = g_dbus_connection_new_for_address_sync (address,
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
  g_assert_no_error (error);
  server->object_id = g_dbus_connection_register_object (server->connection, "/org/gtk/Notifications",
                                                         info->interfaces[0], &vtable, server, NULL, &error);
  g_assert_no_error (error);
  server->owner_id = g_bus_own_name_on_connection (server->connection, "org.gtk.Notifications",
                                                   G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired_cb, NULL,
                                                   server, NULL);
  wait_until (server_owns_name, server);

  return server;
}

static void
server_stop (Server *server)
{
  g_bus_unown_name (server->owner_id);
  g_dbus_connection_unregister_object (server->connection, server->object_id);
  g_dbus_connection_close_sync (server->connection, NULL, NULL);
  g_object_unref (server->connection);
  g_ptr_array_unref (server->added);
  g_free (server);
}

typedef struct {
  KithTestStore *t;
  Server        *server;
  GApplication  *app;
  KithNotifier  *notifier;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint serial;
  g_autofree char *app_id = g_strdup_printf ("io.github.kithcrm.Kith.TestNotifier%u", ++serial);
  g_autoptr(GError) error = NULL;

  f->t = gui_test_store_new ();
  f->server = server_start ();
  f->app = g_application_new (app_id, G_APPLICATION_DEFAULT_FLAGS);
  g_assert_true (g_application_register (f->app, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->notifier);
  g_clear_object (&f->app);
  server_stop (f->server);
  kith_test_store_free (f->t);
}

/* @n to-dos about Ada, due the day before yesterday */
static void
add_overdue_todos (Fixture *f,
                   guint    n)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) before = g_date_time_add_days (now, -2);
  g_autofree char *due = g_date_time_format (before, "%Y-%m-%d");
  gint64 ada = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"subject\": \"Call about offer %u\", \"when\": \"%s\", "
                                               "\"participants\": [\"#%" G_GINT64_FORMAT "\"]}", i + 1, due, ada);

      seed_add (f->t, "todo", json);
    }
}

typedef struct {
  Fixture *f;
  guint    n;
} Expected;

static gboolean
received_at_least (gpointer data)
{
  Expected *expected = data;

  return expected->f->server->added->len >= expected->n;
}

static gboolean
received_exactly (gpointer data)
{
  Expected *expected = data;

  return expected->f->server->added->len == expected->n;
}

/* Starts the notifier, as the application does at start, and waits for @n notifications; no
 * more come */
static void
start_notifier (Fixture *f,
                guint    n)
{
  Expected expected = { f, n };

  f->notifier = kith_notifier_new (f->app, f->t->store);
  wait_until (received_at_least, &expected);
  assert_holds_for (received_exactly, &expected, 300, "no more notifications than expected");
}

/* The notification the server got as @index: its id, and its fields */
static GVariant *
received (Fixture     *f,
          guint        index,
          const char **id)
{
  GVariant *call = g_ptr_array_index (f->server->added, index);
  const char *app_id;
  GVariant *notification;

  g_variant_get (call, "(&s&s@a{sv})", &app_id, id, &notification);
  g_assert_cmpstr (app_id, ==, g_application_get_application_id (f->app));

  return notification;
}

static char *
lookup_string (GVariant   *notification,
               const char *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (notification, key, G_VARIANT_TYPE_STRING);

  return value != NULL ? g_variant_dup_string (value, NULL) : NULL;
}

/* The buttons' labels, joined by "|" */
static char *
button_labels (GVariant *notification)
{
  g_autoptr(GVariant) buttons = g_variant_lookup_value (notification, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GString) labels = g_string_new (NULL);

  for (gsize i = 0; buttons != NULL && i < g_variant_n_children (buttons); i++)
    {
      g_autoptr(GVariant) button = g_variant_get_child_value (buttons, i);
      g_autofree char *label = lookup_string (button, "label");

      g_string_append_printf (labels, "%s%s", i > 0 ? "|" : "", label);
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

typedef struct {
  guint       n;
  const char *title;
  const char *body;
} Summary;

/* Many due at once: one notification says how many, with the first few by name */
static void
test_many_due_summarised (Fixture       *f,
                          gconstpointer  data)
{
  const Summary *expected = data;
  g_autoptr(GVariant) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *action = NULL;
  g_autofree char *buttons = NULL;
  const char *id;

  Expected one = { f, 1 };

  add_overdue_todos (f, expected->n);
  start_notifier (f, 1);

  notification = received (f, 0, &id);
  title = lookup_string (notification, "title");
  body = lookup_string (notification, "body");
  action = lookup_string (notification, "default-action");
  buttons = button_labels (notification);
  g_assert_cmpstr (title, ==, expected->title);
  g_assert_cmpstr (body, ==, expected->body);
  g_assert_cmpstr (action, ==, "app.show-agenda");
  g_assert_cmpstr (buttons, ==, "Show Agenda");

  /* Taken once: started again (the next start of the application), it raises nothing again */
  g_clear_object (&f->notifier);
  f->notifier = kith_notifier_new (f->app, f->t->store);
  assert_holds_for (received_exactly, &one, 1000, "nothing more is raised");
}

/* A few due: one notification each, with at most the three buttons GNOME Shell shows */
static void
test_few_due_separate (Fixture       *f,
                       gconstpointer  data)
{
  add_overdue_todos (f, 3);
  start_notifier (f, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GVariant) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *action = NULL;
      g_autofree char *buttons = NULL;
      g_autofree char *expected = g_strdup_printf ("Call about offer %u", i + 1);
      const char *id;

      notification = received (f, i, &id);
      title = lookup_string (notification, "title");
      body = lookup_string (notification, "body");
      action = lookup_string (notification, "default-action");
      buttons = button_labels (notification);
      g_assert_cmpstr (title, ==, expected);
      g_assert_nonnull (strstr (body, "Ada Lovelace"));
      g_assert_true (g_str_has_prefix (id, "kith-todo-"));
      /* Clicking it opens Ada's profile */
      g_assert_cmpstr (action, ==, "app.open-record");
      g_assert_cmpstr (buttons, ==, "Done|Snooze 1 Hour|Tomorrow");
    }
}

typedef struct {
  GListModel *todos;
  gboolean    done;
} Listing;

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Listing *listing = data;
  g_autoptr(GError) error = NULL;

  listing->todos = kith_store_list_todos_finish (KITH_STORE (source), result, &error);
  g_assert_no_error (error);
  listing->done = TRUE;
}

static gboolean
listed (gpointer data)
{
  return ((Listing *) data)->done;
}

/* Whether the only to-do is done, read as the application reads it */
static gboolean
todo_is_done (gpointer data)
{
  Fixture *f = data;
  Listing listing = { NULL, FALSE };
  g_autoptr(KithTodo) todo = NULL;

  kith_store_list_todos_async (f->t->store, 0, TRUE, NULL, on_listed_cb, &listing);
  wait_until (listed, &listing);
  todo = g_list_model_get_item (listing.todos, 0);
  g_object_unref (listing.todos);
  return kith_todo_get_done (todo);
}

/* Presses a notification's button as GNOME Shell does: over the bus, the application's
 * ActivateAction with the button's action and target */
static void
server_press (Server       *server,
              GApplication *app,
              const char   *action,
              GVariant     *target)
{
  GVariantBuilder parameter;

  g_assert_true (g_str_has_prefix (action, "app."));
  g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
  if (target != NULL)
    g_variant_builder_add (&parameter, "v", target);
  g_dbus_connection_call (server->connection, g_application_get_application_id (app),
                          g_application_get_dbus_object_path (app), "org.freedesktop.Application",
                          "ActivateAction",
                          g_variant_new ("(sava{sv})", action + strlen ("app."), &parameter, NULL),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

/* The notification's Done button, as GNOME Shell presses it; the to-do is done */
static void
test_done_button (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GVariant) notification = NULL;
  g_autoptr(GVariant) buttons = NULL;
  g_autoptr(GVariant) done = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *action = NULL;
  const char *id;

  add_overdue_todos (f, 1);
  start_notifier (f, 1);
  notification = received (f, 0, &id);
  buttons = g_variant_lookup_value (notification, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  done = g_variant_get_child_value (buttons, 0);
  action = lookup_string (done, "action");
  target = g_variant_lookup_value (done, "target", NULL);
  g_assert_cmpstr (action, ==, "app.todo-done");
  g_assert_false (todo_is_done (f));

  server_press (f->server, f->app, action, target);
  wait_until (todo_is_done, f);
}

typedef struct {
  Fixture *f;
  gint64   at_ms;   /* when the first notification came, in real time */
} Arrival;

static gboolean
arrived (gpointer data)
{
  Arrival *arrival = data;

  if (arrival->at_ms == 0 && arrival->f->server->added->len > 0)
    arrival->at_ms = g_get_real_time () / 1000;
  return arrival->at_ms != 0;
}

/* A to-do due today at a time of day is raised at that time, not at the start of its day (nor
 * up to a minute after) */
static void
test_due_at_its_time (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* The next minute, with time to see that nothing comes before it */
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, g_date_time_get_second (now) > 45 ? 120 : 60);
  g_autoptr(GDateTime) due = g_date_time_new_local (g_date_time_get_year (soon), g_date_time_get_month (soon),
                                                    g_date_time_get_day_of_month (soon), g_date_time_get_hour (soon),
                                                    g_date_time_get_minute (soon), 0);
  g_autofree char *when = g_date_time_format (due, "%Y-%m-%dT%H:%M");
  g_autofree char *json = g_strdup_printf ("{\"subject\": \"Call the notary\", \"when\": \"%s\"}", when);
  gint64 due_ms = g_date_time_to_unix (due) * 1000;
  g_autoptr(GVariant) notification = NULL;
  g_autofree char *title = NULL;
  Expected none = { f, 0 };
  Arrival arrival = { f, 0 };
  const char *id;

  seed_add (f->t, "todo", json);
  f->notifier = kith_notifier_new (f->app, f->t->store);
  /* Nothing at start, though the to-do is due today */
  assert_holds_for (received_exactly, &none, (guint) (due_ms - g_get_real_time () / 1000 - 1000),
                    "nothing is raised before the to-do's time");

  /* wait_until () gives up after 30 s: the minute may be further off than that */
  while (!arrived (&arrival) && g_get_real_time () / 1000 < due_ms + 10000)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (arrival.at_ms, >=, due_ms);
  g_assert_cmpint (arrival.at_ms, <, due_ms + 5000);
  notification = received (f, 0, &id);
  title = lookup_string (notification, "title");
  g_assert_cmpstr (title, ==, "Call the notary");
}

int
main (int   argc,
      char *argv[])
{
  static const Summary forty = { 40, "40 to-dos are due",
                                 "Call about offer 1\nCall about offer 2\nCall about offer 3\nand 37 more" };
  static const Summary four = { 4, "4 to-dos are due",
                                "Call about offer 1\nCall about offer 2\nCall about offer 3\nand 1 more" };

  g_test_init (&argc, &argv, NULL);
  own_main_context ();

  g_test_add ("/notifier/forty-due-summarised", Fixture, &forty, fixture_set_up, test_many_due_summarised, fixture_tear_down);
  g_test_add ("/notifier/four-due-summarised", Fixture, &four, fixture_set_up, test_many_due_summarised, fixture_tear_down);
  g_test_add ("/notifier/done-button", Fixture, NULL, fixture_set_up, test_done_button, fixture_tear_down);
  g_test_add ("/notifier/due-at-its-time", Fixture, NULL, fixture_set_up, test_due_at_its_time, fixture_tear_down);
  g_test_add ("/notifier/three-due-separate", Fixture, NULL, fixture_set_up, test_few_due_separate, fixture_tear_down);

  return g_test_run ();
}
