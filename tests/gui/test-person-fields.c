/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The plain fields of a profile, driven as a user does (real clicks and key presses through the
 * X server, under Xvfb) over a store in a temporary data dir, and read back from the store: a
 * person's name parts, role, department, lead source and notes; a deal's dates, type and
 * forecast; a date refused; a record marked private.
 */

#include <adwaita.h>

#include "kith-profile-page.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef WindowFixture Fixture;

/* The row of type @type titled @title on the profile */
static GtkWidget *
row_titled (Fixture    *f,
            GType       type,
            const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (f->window)), type, title);

  g_assert_nonnull (row);
  return row;
}

/* Asserts that the store has @expected in the text property @property of record @id */
static void
assert_stored (Fixture    *f,
               gint64      id,
               const char *property,
               const char *expected)
{
  g_autoptr(KithRecord) record = stored_record (f->t->store, id);
  g_autofree char *text = NULL;

  g_object_get (record, property, &text, NULL);
  g_assert_cmpstr (text, ==, expected);
}

/* For wait_until (): the record on the profile args[0] is saved with its property args[1]
 * holding the text args[2] */
static gboolean
saved_with (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);
  g_autofree char *text = NULL;

  if (record == NULL || kith_record_has_changes (record))
    return FALSE;
  g_object_get (record, args[1], &text, NULL);
  return g_strcmp0 (text, args[2]) == 0;
}

/* Types @text into the entry row titled @title, Enter, and waits until @property is saved as
 * @saved */
static void
type_field (Fixture    *f,
            const char *title,
            const char *text,
            const char *property,
            const char *saved)
{
  GtkWidget *row = row_titled (f, ADW_TYPE_ENTRY_ROW, title);
  gpointer args[] = { profile_page (f->window), (gpointer) property, (gpointer) saved };

  scroll_into_view (row);
  type_into (row, text);
  press_keys ("Return");
  wait_until (saved_with, args);
}

/* Types two lines into the notes, Enter between them, then presses @keys to leave them; waits
 * until they are saved */
static void
type_notes (Fixture    *f,
            const char *line1,
            const char *line2,
            const char *keys)
{
  GtkWidget *notes = find_widget (GTK_WIDGET (profile_page (f->window)), GTK_TYPE_TEXT_VIEW, NULL);
  g_autofree char *text = g_strdup_printf ("%s\n%s", line1, line2);
  gpointer saved[] = { profile_page (f->window), (gpointer) "notes", text };

  g_assert_nonnull (notes);
  scroll_into_view (notes);
  click (notes);
  wait_until (has_focus_within, notes);
  type_text (line1);
  press_keys ("Return");
  type_text (line2);
  press_keys (keys);
  wait_until (saved_with, saved);
}

static gboolean
name_shown (gpointer data)
{
  gpointer *args = data;

  return find_widget (GTK_WIDGET (profile_page (((Fixture *) args[0])->window)), GTK_TYPE_LABEL, args[1]) != NULL;
}

/* First and last name make the full name; role, department, lead source and notes of several
 * lines are written as typed */
static void
test_person (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"first\": \"Ada\", \"last\": \"Lovelace\"}");
  gpointer named[] = { f, (gpointer) "Augusta King" };

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");

  type_field (f, "First Name", "Augusta", "first", "Augusta");
  type_field (f, "Last Name", "King", "last", "King");
  /* The name follows its parts, on the profile as in the store */
  wait_until (name_shown, named);
  type_field (f, "Role", "Analyst", "role", "Analyst");
  type_field (f, "Department", "Engines", "department", "Engines");
  type_field (f, "Lead Source", "Referral", "lead-source", "Referral");

  /* Enter is a new line; Ctrl+Enter saves */
  type_notes (f, "Met at the Royal Society.", "Writes on engines.", "ctrl+Return");
  save_png (GTK_WIDGET (f->window), "person-fields.png");

  assert_stored (f, id, "first", "Augusta");
  assert_stored (f, id, "last", "King");
  assert_stored (f, id, "name", "Augusta King");
  assert_stored (f, id, "role", "Analyst");
  assert_stored (f, id, "department", "Engines");
  assert_stored (f, id, "lead-source", "Referral");
  assert_stored (f, id, "notes", "Met at the Royal Society.\nWrites on engines.");
}

/* A company's description, lead source and notes; the notes are saved when the keyboard
 * leaves them */
static void
test_company (Fixture       *f,
              gconstpointer  data)
{
  gint64 id = seed_record (f->t, KITH_RECORD_COMPANY, "{\"name\": \"Analytical Engines\", \"domains\": [\"engines.example\"]}");

  open_from_list (f->window, KITH_RECORD_COMPANY, "Analytical Engines");
  type_field (f, "Description", "Difference engines", "description", "Difference engines");
  type_field (f, "Lead Source", "Trade fair", "lead-source", "Trade fair");

  type_notes (f, "Two sites.", "One board.", "Tab");

  assert_stored (f, id, "description", "Difference engines");
  assert_stored (f, id, "lead-source", "Trade fair");
  assert_stored (f, id, "notes", "Two sites.\nOne board.");
}

/* A full name of the user's own stays when a part of it changes */
static void
test_own_name (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON,
                           "{\"name\": \"Dr. Ada Lovelace\", \"first\": \"Ada\", \"last\": \"Lovelace\"}");

  open_from_list (f->window, KITH_RECORD_PERSON, "Dr. Ada Lovelace");
  type_field (f, "First Name", "Augusta", "first", "Augusta");

  assert_stored (f, id, "first", "Augusta");
  assert_stored (f, id, "name", "Dr. Ada Lovelace");
}

/* A deal's start and closing dates, type and forecast are written as chosen */
static void
test_deal (Fixture       *f,
           gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"Harbour loft\"}");
  gpointer committed[] = { profile, (gpointer) "forecast", (gpointer) "commit" };
  GtkWidget *forecast;
  GtkWidget *popover;
  gpointer shown[2];

  open_from_list (f->window, KITH_RECORD_PROJECT, "Harbour loft");
  /* A deal's fields are its overview, not a contact's */
  g_assert_nonnull (find_widget (GTK_WIDGET (profile), GTK_TYPE_LABEL, "Overview"));
  g_assert_null (find_widget (GTK_WIDGET (profile), GTK_TYPE_LABEL, "Contact"));

  type_field (f, "Start Date", "2027-03-01", "start", "2027-03-01");
  type_field (f, "Closing Date", "2027-06-30", "end", "2027-06-30");
  type_field (f, "Type", "Sale", "type", "Sale");

  forecast = row_titled (f, ADW_TYPE_COMBO_ROW, "Forecast");
  scroll_into_view (forecast);
  click (forecast);
  popover = find_widget (forecast, GTK_TYPE_POPOVER, NULL);
  shown[0] = popover;
  shown[1] = (gpointer) "Commit";
  wait_until (label_shown, shown);
  choose (popover, "Commit");
  wait_until (saved_with, committed);
  save_png (GTK_WIDGET (f->window), "deal-fields.png");

  assert_stored (f, id, "start", "2027-03-01");
  assert_stored (f, id, "end", "2027-06-30");
  assert_stored (f, id, "type", "Sale");
  assert_stored (f, id, "forecast", "commit");
}

/* For find_where (): a label on screen whose text holds @data */
static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && is_mapped (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* For wait_until (): the row args[1] of the fixture args[0] is marked refused, and a label on
 * the profile says why */
static gboolean
refused (gpointer data)
{
  gpointer *args = data;

  return gtk_widget_has_css_class (args[1], "error") &&
         find_where (GTK_WIDGET (profile_page (((Fixture *) args[0])->window)), is_label_saying,
                     "is not a date (YYYY-MM-DD)") != NULL;
}

/* A closing date that is no date is refused with the reason, kept as typed, and not written */
static void
test_bad_date (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"Harbour loft\", \"end\": \"2027-06-30\"}");
  GtkWidget *row;
  gpointer args[2];

  open_from_list (f->window, KITH_RECORD_PROJECT, "Harbour loft");
  row = row_titled (f, ADW_TYPE_ENTRY_ROW, "Closing Date");
  scroll_into_view (row);
  type_into (row, "2027-13-45");
  press_keys ("Return");
  args[0] = f;
  args[1] = row;
  wait_until (refused, args);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2027-13-45");

  assert_stored (f, id, "end", "2027-06-30");
}

static gboolean
is_lock (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "changes-prevent-symbolic") == 0;
}

static gboolean
lock_shown (gpointer data)
{
  GtkWidget *lock = find_where (data, is_lock, NULL);

  return lock != NULL && is_mapped (lock);
}

static gboolean
lock_hidden (gpointer data)
{
  return !lock_shown (data);
}

/* For wait_until (): the record on the profile @data is saved private */
static gboolean
saved_private (gpointer data)
{
  KithRecord *record = kith_profile_page_get_record (data);

  return record != NULL && !kith_record_has_changes (record) && kith_record_get_private (record);
}

/* The Private switch marks the record, which shows a lock beside its name, on its profile and
 * in the list */
static void
test_private (Fixture       *f,
              gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  GtkWidget *row;
  g_autoptr(KithRecord) record = NULL;

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  g_assert_true (lock_hidden (profile));
  g_assert_true (lock_hidden (GTK_WIDGET (list_page (f->window, KITH_RECORD_PERSON))));

  row = row_titled (f, ADW_TYPE_ACTION_ROW, "Private");
  scroll_into_view (row);
  click (find_widget (row, GTK_TYPE_SWITCH, NULL));
  wait_until (saved_private, profile);
  wait_until (lock_shown, profile);
  /* And in the list beside, on the record's row */
  wait_until (lock_shown, list_page (f->window, KITH_RECORD_PERSON));
  save_png (GTK_WIDGET (f->window), "person-private.png");

  record = stored_record (f->t->store, id);
  g_assert_true (kith_record_get_private (record));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/person-fields/person", Fixture, NULL, window_fixture_set_up, test_person, window_fixture_tear_down);
  g_test_add ("/person-fields/company", Fixture, NULL, window_fixture_set_up, test_company, window_fixture_tear_down);
  g_test_add ("/person-fields/own-name", Fixture, NULL, window_fixture_set_up, test_own_name, window_fixture_tear_down);
  g_test_add ("/person-fields/deal", Fixture, NULL, window_fixture_set_up, test_deal, window_fixture_tear_down);
  g_test_add ("/person-fields/bad-date", Fixture, NULL, window_fixture_set_up, test_bad_date, window_fixture_tear_down);
  g_test_add ("/person-fields/private", Fixture, NULL, window_fixture_set_up, test_private, window_fixture_tear_down);

  return g_test_run ();
}
