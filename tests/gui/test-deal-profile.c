/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A deal's profile, driven as a user does (real clicks and key presses through the X server,
 * under Xvfb) over a store in a temporary data dir: its address, its value in its currency.
 */

#include <adwaita.h>

#include "kith-profile-page.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = kith_test_store_new ();
  kith_store_set_clock (f->t->store, NULL, NULL);   /* the widgets live in real time */
  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
  focus_window (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  kith_test_store_free (f->t);
}

/* The record as the store has it, read on the store's worker */
static KithRecord *
stored (Fixture *f,
        gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KithRecord *record;

  kith_store_get_record_async (f->t->store, id, NULL, kith_test_result_cb, &result);
  record = kith_store_get_record_finish (f->t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return record;
}

/* For wait_until (): args[0], a fixture, shows in its profile the entry row titled args[1] with
 * the text args[2] */
static gboolean
field_shows (gpointer data)
{
  gpointer *args = data;
  KithProfilePage *profile = kith_window_get_profile (((Fixture *) args[0])->window);
  GtkWidget *row = find_widget (GTK_WIDGET (profile), ADW_TYPE_ENTRY_ROW, args[1]);

  return row != NULL && is_mapped (row) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), args[2]) == 0;
}

static GtkWidget *
field (Fixture    *f,
       const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (kith_window_get_profile (f->window)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

/* Types @text over what the field titled @title has, and Return */
static void
retype_field (Fixture    *f,
              const char *title,
              const char *text)
{
  click (field (f, title));
  press_keys ("ctrl+a");
  type_text (text);
  press_keys ("Return");
}

/* For wait_until (): the profile args[0] shows a deal saved with the address args[1] */
static gboolean
deal_saved_with_address (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);

  return KITH_IS_DEAL (record) && !kith_record_has_changes (record) &&
         g_strcmp0 (kith_deal_get_address (KITH_DEAL (record)), args[1]) == 0;
}

/* For wait_until (): the profile args[0] shows a deal saved with the value args[1] */
static gboolean
deal_saved_with_value (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);

  return KITH_IS_DEAL (record) && !kith_record_has_changes (record) &&
         kith_deal_get_value (KITH_DEAL (record)) == *(double *) args[1];
}

/* A property's address shows on its profile in one line, and one typed there is written */
static void
test_address (Fixture       *f,
              gconstpointer  data)
{
  KithProfilePage *profile = kith_window_get_profile (f->window);
  gint64 id = kith_test_create (f->t, KITH_RECORD_PROJECT,
                                "{\"name\": \"12 Elm Street\", \"address\": {\"street\": \"12 Elm Street\", "
                                "\"city\": \"Springfield\", \"state\": \"IL\", \"postal\": \"62701\"}}");
  gpointer shows[] = { f, (gpointer) "Address", (gpointer) "12 Elm Street, Springfield, IL, 62701" };
  gpointer typed[] = { f, (gpointer) "Address", (gpointer) "14 Oak Avenue, Shelbyville" };
  gpointer saved[] = { profile, (gpointer) "14 Oak Avenue, Shelbyville" };
  g_autoptr(KithRecord) record = NULL;

  kith_window_open_record (f->window, id);
  wait_until (field_shows, shows);

  retype_field (f, "Address", "14 Oak Avenue, Shelbyville");
  wait_until (deal_saved_with_address, saved);
  wait_until (field_shows, typed);

  record = stored (f, id);
  g_assert_cmpstr (kith_deal_get_address (KITH_DEAL (record)), ==, "14 Oak Avenue, Shelbyville");
}

/* A deal's value shows in its currency, grouped in thousands, without cents it does not have;
 * typed as it shows, it is read back as the same amount */
static void
test_value (Fixture       *f,
            gconstpointer  data)
{
  KithProfilePage *profile = kith_window_get_profile (f->window);
  gint64 id = kith_test_create (f->t, KITH_RECORD_PROJECT,
                                "{\"name\": \"Harbour loft\", \"value\": 500000, \"currency\": \"USD\"}");
  gpointer shows[] = { f, (gpointer) "Value", (gpointer) "$500,000" };
  gpointer typed[] = { f, (gpointer) "Value", (gpointer) "$612,500.25" };
  double value = 612500.25;
  gpointer saved[] = { profile, &value };
  g_autoptr(KithRecord) record = NULL;

  kith_window_open_record (f->window, id);
  wait_until (field_shows, shows);

  retype_field (f, "Value", "$612,500.25");
  wait_until (deal_saved_with_value, saved);
  wait_until (field_shows, typed);

  record = stored (f, id);
  g_assert_cmpfloat (kith_deal_get_value (KITH_DEAL (record)), ==, 612500.25);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/deal-profile/address", Fixture, NULL, fixture_set_up, test_address, fixture_tear_down);
  g_test_add ("/deal-profile/value", Fixture, NULL, fixture_set_up, test_value, fixture_tear_down);

  return g_test_run ();
}
