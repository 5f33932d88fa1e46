/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Preferences → Contacts against a local address book in the private session's EDS registry:
 * the book listed with its account, and "Keep in sync with Kith" turned on with a click, which
 * makes the book's contacts people in People.
 */

#include <libebook/libebook.h>

#include "kith-book-service.h"
#include "../services/kith-test-eds.h"
#include "kith-preferences-window.h"
#include "kith-gui-test-window.h"

/* EDS 3.46 declares none */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EContact, g_object_unref)

#define BOOK_NAME "Kith Friends"

static const char *contact_names[] = { "Grace Hopper", "Alan Turing", "Edsger Dijkstra" };

typedef struct {
  KithTestStore   *t;
  KithWindow      *window;
  ESourceRegistry *registry;
  ESource         *source;
  EBookClient     *client;
  KithBookService *service;
} Fixture;

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
source_known (gpointer data)
{
  gpointer *args = data;
  g_autoptr(ESource) source = e_source_registry_ref_source (args[0], args[1]);

  return source != NULL;
}

/* A new local address book in the session's registry, as the registry has it */
static ESource *
add_local_book (ESourceRegistry *registry,
                const char      *name)
{
  g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  ESourceBackend *backend;
  g_autofree char *uid = NULL;
  gpointer known[] = { registry, NULL };

  e_source_set_display_name (scratch, name);
  e_source_set_parent (scratch, "local-stub");
  backend = e_source_get_extension (scratch, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  e_source_backend_set_backend_name (backend, "local");
  uid = g_strdup (e_source_get_uid (scratch));
  g_assert_true (e_source_registry_commit_source_sync (registry, scratch, NULL, &error));
  g_assert_no_error (error);

  known[1] = uid;
  wait_until (source_known, known);
  return e_source_registry_ref_source (registry, uid);
}

/* A client of @source. The address-book factory may learn of a source just added a moment
 * after the registry's client does: until then it answers "no such source", and is asked again */
static EBookClient *
connect_client (ESource *source)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      EClient *client;

      e_book_client_connect (source, 30, NULL, on_result_cb, &result);
      wait_until (result_set, &result);
      client = e_book_client_connect_finish (result, &error);
      if (client != NULL)
        return E_BOOK_CLIENT (client);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) || attempt == 50)
        g_error ("No client of the address book: %s", error->message);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
}

static void
fill_book (EBookClient *client)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (contact_names); i++)
    {
      g_auto(GStrv) parts = g_strsplit (contact_names[i], " ", 2);
      g_autofree char *vcard = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
                                                "FN:%s\r\nN:%s;%s;;;\r\n"
                                                "EMAIL;TYPE=WORK:%s@example.com\r\n"
                                                "END:VCARD\r\n",
                                                contact_names[i], parts[1], parts[0], parts[1]);
      g_autoptr(EContact) contact = e_contact_new_from_vcard (vcard);

      g_assert_true (e_book_client_add_contact_sync (client, contact, E_BOOK_OPERATION_FLAG_NONE,
                                                     NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->t = gui_test_store_new ();
  f->registry = e_source_registry_new_sync (NULL, &error);
  g_assert_no_error (error);
  f->source = add_local_book (f->registry, BOOK_NAME);
  f->client = connect_client (f->source);
  fill_book (f->client);

  f->window = present_main_window (f->t, 1180, 760);
  f->service = kith_book_service_new (f->t->store);
  kith_book_service_start (f->service);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  g_object_run_dispose (G_OBJECT (f->service));
  g_clear_object (&f->service);
  g_clear_object (&f->client);
  kith_test_remove_source (f->source);
  g_clear_object (&f->source);
  g_clear_object (&f->registry);
  kith_test_store_free (f->t);
}

/* For wait_until (): the row args[0]'s subtitle reads args[1] */
static gboolean
subtitle_reads (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (args[0])), args[1]) == 0;
}

static GtkWidget *
open_contacts_page (Fixture *f)
{
  GtkWidget *prefs = kith_preferences_window_new (f->t->store, GTK_WINDOW (f->window));
  gpointer explained[] = { prefs, NULL };

  kith_preferences_window_set_book_service (KITH_PREFERENCES_WINDOW (prefs), f->service);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_until (is_mapped, prefs);
  /* As the other Preferences tests go to a page */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "contacts");
  explained[1] = (gpointer) ("The contacts of an address book kept in sync with Kith become people. Edits to "
                              "their names, emails, phones and addresses are written back when the book can be "
                              "written to; when both changed, the book wins and Kith's value goes to the "
                              "person's history.");
  wait_until (any_label_shown, explained);
  return prefs;
}

/* The book listed with its account and not followed; its switch turned on with a click makes its
 * contacts people, and the row says the book is up to date */
static void
test_follow_book (Fixture       *f,
                  gconstpointer  data)
{
  KithListPage *people;
  GtkWidget *prefs;
  GtkWidget *row;
  GtkWidget *sw;
  gpointer off[] = { NULL, (gpointer) "On This Computer · Not kept in sync" };
  gpointer ready[] = { NULL, (gpointer) "On This Computer · Up to date" };

  go_to_page (f->window, "people");
  people = list_page (f->window, KITH_RECORD_PERSON);
  wait_for_count (people, 0);

  prefs = open_contacts_page (f);
  row = action_row_titled (prefs, BOOK_NAME);
  off[0] = row;
  wait_until (subtitle_reads, off);
  sw = find_widget (row, GTK_TYPE_SWITCH, NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));

  click_when_still (sw);
  ready[0] = row;
  wait_until (subtitle_reads, ready);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  close_window (prefs);

  wait_for_count (people, G_N_ELEMENTS (contact_names));
  open_from_list (f->window, KITH_RECORD_PERSON, "Grace Hopper");
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/contacts-page/follow-book", Fixture, NULL, fixture_set_up, test_follow_book, fixture_tear_down);

  return g_test_run ();
}
