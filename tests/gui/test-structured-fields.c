/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A profile's structured fields, driven as a user does (real clicks and key presses through the
 * X server, under Xvfb) over a store in a temporary data dir: addresses added part by part,
 * shown formatted, edited, removed and brought back; a property's one address; app links whose
 * App ID is checked; a person's anniversaries.
 */

#include <adwaita.h>

#include "kith-profile-page.h"
#include "kith-record-values.h"
#include "kith-structured-row.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
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
  close_window (f->window);
  kith_test_store_free (f->t);
}

/* The structured row titled @title on the profile, on screen, or NULL */
static GtkWidget *
shown_row (Fixture    *f,
           const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (f->window)), KITH_TYPE_STRUCTURED_ROW, title);

  return row != NULL && is_mapped (row) ? row : NULL;
}

/* For wait_until (): args[0], a fixture, shows the row titled args[1] (with the subtitle
 * args[2] unless NULL) */
static gboolean
row_shown (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = shown_row (args[0], args[1]);

  return row != NULL &&
         (args[2] == NULL || g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), args[2]) == 0);
}

static gboolean
row_gone (gpointer data)
{
  return !row_shown (data);
}

/* Opens the row titled @title (a click on its header) and waits for its parts */
static GtkWidget *
open_row (Fixture    *f,
          const char *title)
{
  gpointer shown[] = { f, (gpointer) title, NULL };
  GtkWidget *row;

  wait_until (row_shown, shown);
  row = shown_row (f, title);
  scroll_into_view (row);
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    click (row);
  return row;
}

/* Types @text into the part titled @part of the opened @row */
static void
type_part (GtkWidget  *row,
           const char *part,
           const char *text)
{
  GtkWidget *entry = find_widget (row, ADW_TYPE_ENTRY_ROW, part);
  Settling settling = { entry, 0, 0, 0 };

  g_assert_nonnull (entry);
  wait_until (is_mapped, entry);
  /* Where it stays once the row has opened */
  wait_until (has_settled, &settling);
  scroll_into_view (entry);
  type_into (entry, text);
}

/* For wait_until (): the profile of args[0], a fixture, has its changes saved */
static gboolean
saved (gpointer data)
{
  KithRecord *record = kith_profile_page_get_record (profile_page (((Fixture *) data)->window));

  return record != NULL && !kith_record_has_changes (record);
}

/* The items of @list of record @id as the store has them */
static GPtrArray *
stored_items (Fixture        *f,
              gint64          id,
              KithRecordList  list)
{
  g_autoptr(KithRecord) record = stored_record (f->t->store, id);

  return kith_record_dup_items (record, list);
}

/* Presses Return in the part typed last, waits for the row args shows (see row_shown ()) and
 * the save, and reads list @list of record @id back from the store */
static GPtrArray *
save_and_read (Fixture        *f,
               gpointer       *shown,
               gint64          id,
               KithRecordList  list)
{
  press_keys ("Return");
  wait_until (row_shown, shown);
  wait_until (saved, f);
  return stored_items (f, id, list);
}

/* For wait_until (): the Undo button of the toast in args[0], a window, once it stays still;
 * set in args[1] */
static gboolean
undo_settled (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, "Undo");
  GtkWidget *button = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;
  static graphene_rect_t last;
  static gint64 since;
  graphene_rect_t now;

  if (button == NULL || !is_mapped (button) || !gtk_widget_compute_bounds (button, args[0], &now))
    return FALSE;
  if (!graphene_rect_equal (&now, &last))
    {
      last = now;
      since = g_get_monotonic_time ();
      return FALSE;
    }
  args[1] = button;
  return g_get_monotonic_time () - since > 300 * 1000;
}

#define US_ADDRESS "12 Elm Street, Springfield, IL 62701, United States"
#define MOVED_ADDRESS "12 Elm Street, Shelbyville, IL 62701, United States"

/* An address typed part by part shows formatted as its country writes it and is stored in its
 * parts; a city and label edited are saved; removed, Undo brings it back */
static void
test_address (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  gpointer shown[] = { f, (gpointer) US_ADDRESS, (gpointer) "Work" };
  gpointer moved[] = { f, (gpointer) MOVED_ADDRESS, (gpointer) "Other" };
  gpointer unlabelled[] = { f, (gpointer) MOVED_ADDRESS, (gpointer) "" };
  gpointer undo[] = { f->window, NULL };
  g_autoptr(GPtrArray) items = NULL;
  const KithRecordAddress *a;
  GtkWidget *row;
  GtkWidget *button;

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  row = open_row (f, "Add Address");
  type_part (row, "Street", "12 Elm Street");
  type_part (row, "City", "Springfield");
  type_part (row, "Region", "IL");
  type_part (row, "Postal Code", "62701");
  type_part (row, "Country", "United States");
  type_part (row, "Label", "Work");
  items = save_and_read (f, shown, id, KITH_RECORD_ADDRESSES);
  g_assert_cmpuint (items->len, ==, 1);
  a = g_ptr_array_index (items, 0);
  g_assert_cmpstr (a->street, ==, "12 Elm Street");
  g_assert_cmpstr (a->city, ==, "Springfield");
  g_assert_cmpstr (a->state, ==, "IL");
  g_assert_cmpstr (a->postal, ==, "62701");
  g_assert_cmpstr (a->country, ==, "United States");
  g_assert_cmpstr (a->label, ==, "work");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The city edited, and the label */
  row = open_row (f, US_ADDRESS);
  type_part (row, "City", "Shelbyville");
  type_part (row, "Label", "other");
  items = save_and_read (f, moved, id, KITH_RECORD_ADDRESSES);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((KithRecordAddress *) g_ptr_array_index (items, 0))->city, ==, "Shelbyville");
  g_assert_cmpstr (((KithRecordAddress *) g_ptr_array_index (items, 0))->street, ==, "12 Elm Street");
  g_assert_cmpstr (((KithRecordAddress *) g_ptr_array_index (items, 0))->label, ==, "other");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The label alone taken away: the row says so */
  type_part (row, "Label", "");
  items = save_and_read (f, unlabelled, id, KITH_RECORD_ADDRESSES);
  g_assert_null (((KithRecordAddress *) g_ptr_array_index (items, 0))->label);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Removed, then back */
  row = open_row (f, MOVED_ADDRESS);
  button = find_where (row, is_labelled_button, "_Remove");
  scroll_into_view (button);
  click_when_still (button);
  wait_until (row_gone, unlabelled);
  wait_until (undo_settled, undo);
  wait_until (saved, f);
  items = stored_items (f, id, KITH_RECORD_ADDRESSES);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  click (undo[1]);
  wait_until (row_shown, unlabelled);
  wait_until (saved, f);
  items = stored_items (f, id, KITH_RECORD_ADDRESSES);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((KithRecordAddress *) g_ptr_array_index (items, 0))->city, ==, "Shelbyville");
}

/* An address in Germany writes its postal code before the city; no commas where parts are
 * missing; what looks like markup shows as typed */
static void
test_address_convention (Fixture       *f,
                         gconstpointer  data)
{
  seed_record (f->t, KITH_RECORD_COMPANY,
               "{\"name\": \"Acme GmbH\", \"domains\": [\"acme.de\"], \"addresses\": [{\"street\": \"Hauptstraße 5\", \"postal\": \"10115\", "
               "\"city\": \"Berlin\", \"country\": \"Germany\"}, {\"city\": \"Paris\"}, "
               "{\"street\": \"<Yard> & Sons\", \"postal\": \"SW1A 1AA\"}]}");
  gpointer german[] = { f, (gpointer) "Hauptstraße 5, 10115 Berlin, Germany", NULL };
  gpointer city_alone[] = { f, (gpointer) "Paris", NULL };
  gpointer as_typed[] = { f, (gpointer) "<Yard> & Sons, SW1A 1AA", NULL };

  open_from_list (f->window, KITH_RECORD_COMPANY, "Acme GmbH");
  wait_until (row_shown, german);
  wait_until (row_shown, city_alone);
  wait_until (row_shown, as_typed);
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

/* A property's one address shows on its profile, with no row to add another; edited, it is
 * written */
static void
test_property_address (Fixture       *f,
                       gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PROJECT,
                           "{\"name\": \"12 Elm Street\", \"address\": {\"street\": \"12 Elm Street\", "
                           "\"city\": \"Springfield\", \"state\": \"IL\", \"postal\": \"62701\"}}");
  gpointer shows[] = { f, (gpointer) "12 Elm Street, Springfield, IL, 62701", NULL };
  gpointer moved[] = { f, (gpointer) "14 Oak Avenue, Shelbyville", NULL };
  gpointer saved[] = { profile, (gpointer) "14 Oak Avenue, Shelbyville" };
  g_autoptr(KithRecord) record = NULL;
  GtkWidget *row;

  open_from_list (f->window, KITH_RECORD_PROJECT, "12 Elm Street");
  wait_until (row_shown, shows);
  g_assert_null (shown_row (f, "Add Address"));

  row = open_row (f, "12 Elm Street, Springfield, IL, 62701");
  type_part (row, "Street", "14 Oak Avenue");
  type_part (row, "City", "Shelbyville");
  type_part (row, "Region", "");
  type_part (row, "Postal Code", "");
  press_keys ("Return");
  wait_until (deal_saved_with_address, saved);
  wait_until (row_shown, moved);

  record = stored_record (f->t->store, id);
  g_assert_cmpstr (kith_deal_get_address (KITH_DEAL (record)), ==, "14 Oak Avenue, Shelbyville");
}

/* For wait_until (): the row args[1] shows the refusal args[2] */
static gboolean
refusal_shown (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[1], GTK_TYPE_LABEL, args[2]);

  return label != NULL && is_mapped (label);
}

/* An App ID in capitals or not a domain is refused, saying which and why, and nothing is
 * saved; a valid app link is */
static void
test_app_link (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  gpointer capitals[] = { f, NULL, (gpointer) "“Salesforce.com” has capital letters: an App ID is a domain in lower case, such as salesforce.com" };
  gpointer no_domain[] = { f, NULL, (gpointer) "“sales force” is not an app id (a domain such as salesforce.com)" };
  gpointer shown[] = { f, (gpointer) "Salesforce", (gpointer) "salesforce.com · 003A1" };
  g_autoptr(GPtrArray) items = NULL;
  const KithRecordAppLink *l;
  GtkWidget *row;

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  row = open_row (f, "Add App Link");
  capitals[1] = no_domain[1] = row;
  type_part (row, "App ID", "Salesforce.com");
  type_part (row, "Unique ID", "003A1");
  type_part (row, "App Name", "Salesforce");
  press_keys ("Return");
  wait_until (refusal_shown, capitals);
  assert_holds_for (saved, f, 300, "the record has no change left to save");
  items = stored_items (f, id, KITH_RECORD_APP_LINKS);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  type_part (row, "App ID", "sales force");
  press_keys ("Return");
  wait_until (refusal_shown, no_domain);
  items = stored_items (f, id, KITH_RECORD_APP_LINKS);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  type_part (row, "App ID", "salesforce.com");
  items = save_and_read (f, shown, id, KITH_RECORD_APP_LINKS);
  g_assert_cmpuint (items->len, ==, 1);
  l = g_ptr_array_index (items, 0);
  g_assert_cmpstr (l->source, ==, "salesforce.com");
  g_assert_cmpstr (l->uniqueid, ==, "003A1");
  g_assert_cmpstr (l->label, ==, "Salesforce");
}

/* A person's anniversary, added with its date as a birthday is written, shows the date in
 * words and is stored; a date written otherwise is refused, saying which */
static void
test_anniversary (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  gpointer shown[] = { f, (gpointer) "Wedding", (gpointer) "8 July 1835" };
  gpointer not_a_date[] = { f, NULL, (gpointer) "“8/7/1835” is not a date: write it as YYYY-MM-DD, such as 1815-12-10, or --MM-DD without the year" };
  g_autoptr(GPtrArray) items = NULL;
  const KithRecordOccasion *o;
  GtkWidget *row;

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  row = open_row (f, "Add Anniversary");
  not_a_date[1] = row;
  type_part (row, "Occasion", "Wedding");
  type_part (row, "Date", "8/7/1835");
  press_keys ("Return");
  wait_until (refusal_shown, not_a_date);
  assert_holds_for (saved, f, 300, "the record has no change left to save");

  type_part (row, "Date", "1835-07-08");
  items = save_and_read (f, shown, id, KITH_RECORD_ANNIVERSARIES);
  g_assert_cmpuint (items->len, ==, 1);
  o = g_ptr_array_index (items, 0);
  g_assert_cmpstr (o->label, ==, "Wedding");
  g_assert_cmpstr (o->date, ==, "1835-07-08");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/structured-fields/address", Fixture, NULL, fixture_set_up, test_address, fixture_tear_down);
  g_test_add ("/structured-fields/address-convention", Fixture, NULL, fixture_set_up, test_address_convention,
              fixture_tear_down);
  g_test_add ("/structured-fields/property-address", Fixture, NULL, fixture_set_up, test_property_address,
              fixture_tear_down);
  g_test_add ("/structured-fields/app-link", Fixture, NULL, fixture_set_up, test_app_link, fixture_tear_down);
  g_test_add ("/structured-fields/anniversary", Fixture, NULL, fixture_set_up, test_anniversary, fixture_tear_down);

  return g_test_run ();
}
