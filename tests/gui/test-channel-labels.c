/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The label of an email, phone or fax (Work, Home, Mobile, Other or none) chosen on a profile
 * from the menu beside it, with the pointer and with the keyboard, and read back from the store;
 * a person's and a company's faxes. Driven as a user does (real clicks and key presses through
 * the X server, under Xvfb) over a store in a temporary data dir. The menu's accessible name is
 * read from GTK's accessibility tree through its test backend (GTK_A11Y=test, set in main).
 */

#include <adwaita.h>

#include "kith-profile-page.h"
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

/* The profile's entry row titled @title, on screen */
static GtkWidget *
field (Fixture    *f,
       const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (f->window)), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  scroll_into_view (row);
  return row;
}

/* For wait_until (): args[0], a fixture, shows an entry row titled args[1] */
static gboolean
field_shown (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (((Fixture *) args[0])->window)), ADW_TYPE_ENTRY_ROW, args[1]);

  return row != NULL && is_mapped (row);
}

static gboolean
is_shown_menu_button (GtkWidget     *widget,
                      gconstpointer  unused)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_visible (widget);
}

/* The menu of the label of @row's entry */
static GtkWidget *
label_button (GtkWidget *row)
{
  GtkWidget *button = find_where (row, is_shown_menu_button, NULL);

  g_assert_nonnull (button);
  return button;
}

/* Opens @button's menu of labels with a click; returns its popover, once @item shows */
static GtkWidget *
open_labels (GtkWidget  *button,
             const char *item)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gpointer shown[] = { popover, (gpointer) item };

  click_when_still (button);
  wait_until (label_shown, shown);
  return popover;
}

/* For wait_until (): the profile args[0] shows its record saved, with entry args[2] of list
 * args[1] (a KithRecordList) labelled args[3] (%NULL for none) */
static gboolean
saved_with_label (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);
  GListModel *entries = record != NULL && !kith_record_has_changes (record)
                        ? kith_record_get_list (record, GPOINTER_TO_UINT (args[1])) : NULL;
  g_autoptr(KithRecordEntry) entry = entries != NULL ? g_list_model_get_item (entries, 0) : NULL;

  return entry != NULL && g_strcmp0 (kith_record_entry_get_value (entry), args[2]) == 0 &&
         g_strcmp0 (kith_record_entry_get_label (entry), args[3]) == 0;
}

/* The first entry of list @which of record @id as the store has it */
static KithRecordEntry *
stored_entry (Fixture        *f,
              gint64          id,
              KithRecordList  which)
{
  g_autoptr(KithRecord) record = stored_record (f->t->store, id);
  GListModel *entries = kith_record_get_list (record, which);

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  return g_list_model_get_item (entries, 0);
}

/* Fails the test unless @widget's accessible name is @name */
static void
assert_name (GtkWidget  *widget,
             const char *name)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  if (wrong != NULL)
    g_error ("A %s is named “%s”, not “%s”", G_OBJECT_TYPE_NAME (widget), wrong, name);
}

/* An email without a label: titled "Email", "No Label" beside it; Home chosen with the pointer
 * is stored and shown beside the title, which stays "Email"; None takes it off again */
static void
test_choose_with_pointer (Fixture       *f,
                          gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  gpointer email[] = { f, (gpointer) "Email" };
  gpointer home[] = { profile, GUINT_TO_POINTER (KITH_RECORD_EMAILS), (gpointer) "ada@acme.com", (gpointer) "home" };
  gpointer none[] = { profile, GUINT_TO_POINTER (KITH_RECORD_EMAILS), (gpointer) "ada@acme.com", NULL };
  g_autoptr(KithRecordEntry) entry = NULL;
  GtkWidget *button;
  GtkWidget *popover;

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (field_shown, email);
  button = label_button (field (f, "Email"));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "No Label");
  assert_name (button, "Label of “ada@acme.com”");

  /* An email is not mobile */
  popover = open_labels (button, "Home");
  g_assert_null (find_widget (popover, GTK_TYPE_LABEL, "Mobile"));
  choose (popover, "Home");
  wait_until (saved_with_label, home);
  wait_until (has_focus_within, button);

  entry = stored_entry (f, id, KITH_RECORD_EMAILS);
  g_assert_cmpstr (kith_record_entry_get_value (entry), ==, "ada@acme.com");
  g_assert_cmpstr (kith_record_entry_get_label (entry), ==, "home");
  g_clear_object (&entry);
  /* The title says what it is, the label beside it: no "Email (Home)" */
  g_assert_nonnull (find_widget (GTK_WIDGET (profile), ADW_TYPE_ENTRY_ROW, "Email"));
  g_assert_null (find_widget (GTK_WIDGET (profile), ADW_TYPE_ENTRY_ROW, "Email (Home)"));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (label_button (field (f, "Email")))), ==, "Home");
  save_png (GTK_WIDGET (f->window), "profile-channel-labels.png");

  popover = open_labels (button, "None");
  choose (popover, "None");
  wait_until (saved_with_label, none);
  entry = stored_entry (f, id, KITH_RECORD_EMAILS);
  g_assert_null (kith_record_entry_get_label (entry));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "No Label");
}

/* For wait_until (): the keyboard is on the menu item labelled @data */
static gboolean
focus_on_item (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (gtk_widget_get_root (data)));

  return focus != NULL && find_widget (focus, GTK_TYPE_LABEL, g_object_get_data (data, "item")) != NULL;
}

/* A phone labelled Work: from its text, Tab reaches its label's menu, Space opens it, the arrows
 * go to Mobile and Return chooses it */
static void
test_choose_with_keyboard (Fixture       *f,
                           gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", "
                                                     "\"phones\": [{\"value\": \"+44 20 7946 0001\", \"work\": true}]}");
  gpointer phone[] = { f, (gpointer) "Phone" };
  gpointer mobile[] = { profile, GUINT_TO_POINTER (KITH_RECORD_PHONES), (gpointer) "+44 20 7946 0001", (gpointer) "mobile" };
  g_autoptr(KithRecordEntry) entry = NULL;
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *popover;
  gpointer shown[2];

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  wait_until (field_shown, phone);
  row = field (f, "Phone");
  button = label_button (row);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "Work");
  assert_name (button, "Label of “+44 20 7946 0001”");

  click (row);
  wait_until (has_focus_within, row);
  press_keys ("Tab");
  wait_until (has_focus_within, button);

  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  shown[0] = popover;
  shown[1] = (gpointer) "Mobile";
  press_keys ("space");
  wait_until (label_shown, shown);
  g_object_set_data (G_OBJECT (popover), "item", (gpointer) "Mobile");
  /* Work, Home, Mobile: the first Down comes into the menu where it opened */
  for (guint i = 0; i < 5 && !focus_on_item (popover); i++)
    {
      press_keys ("Down");
      wait_for_frames (popover);
    }
  wait_until (focus_on_item, popover);
  press_keys ("Return");
  wait_until (popover_closed, popover);
  wait_until (saved_with_label, mobile);
  /* The keyboard is back on the menu's button, not lost with the menu */
  wait_until (has_focus_within, button);

  entry = stored_entry (f, id, KITH_RECORD_PHONES);
  g_assert_cmpstr (kith_record_entry_get_label (entry), ==, "mobile");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "Mobile");
}

/* For wait_until (): the profile args[0] shows its record saved with args[1] as its first fax */
static gboolean
saved_with_fax (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);
  GListModel *faxes = record != NULL && !kith_record_has_changes (record)
                      ? kith_record_get_list (record, KITH_RECORD_FAXES) : NULL;
  g_autoptr(KithRecordEntry) fax = faxes != NULL ? g_list_model_get_item (faxes, 0) : NULL;

  return fax != NULL && g_strcmp0 (kith_record_entry_get_value (fax), args[1]) == 0;
}

/* Adds a fax through "Add Fax" on the profile shown, and sees it stored and in a row titled
 * "Fax" with a label to choose, Mobile among them */
static void
add_fax (Fixture    *f,
         gint64      id,
         const char *number)
{
  KithProfilePage *profile = profile_page (f->window);
  gpointer add[] = { f, (gpointer) "Add Fax" };
  gpointer saved[] = { profile, (gpointer) number };
  g_autoptr(KithRecordEntry) fax = NULL;
  GtkWidget *button;
  GtkWidget *popover;

  wait_until (field_shown, add);
  type_into (field (f, "Add Fax"), number);
  press_keys ("Return");
  wait_until (saved_with_fax, saved);

  fax = stored_entry (f, id, KITH_RECORD_FAXES);
  g_assert_cmpstr (kith_record_entry_get_value (fax), ==, number);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (f, "Fax"))), ==, number);

  button = label_button (field (f, "Fax"));
  popover = open_labels (button, "Mobile");
  press_keys ("Escape");
  wait_until (popover_closed, popover);
}

/* A person's and a company's faxes, added on their profiles; a deal has none */
static void
test_faxes (Fixture       *f,
            gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  gint64 person = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  gint64 company = seed_record (f->t, KITH_RECORD_COMPANY, "{\"name\": \"Analytical Engines\", \"domains\": [\"engines.test\"]}");
  gpointer shows_deal[] = { profile, (gpointer) "Engine Sale" };
  GtkWidget *row;

  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"Engine Sale\"}");

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  add_fax (f, person, "+44 20 7946 0002");
  open_from_list (f->window, KITH_RECORD_COMPANY, "Analytical Engines");
  add_fax (f, company, "+44 20 7946 0003");

  open_from_list (f->window, KITH_RECORD_PROJECT, "Engine Sale");
  wait_until (profile_shows, shows_deal);
  row = find_widget (GTK_WIDGET (profile), ADW_TYPE_ENTRY_ROW, "Add Fax");
  g_assert_true (row == NULL || !gtk_widget_is_visible (row));
}

int
main (int   argc,
      char *argv[])
{
  /* Before GTK starts: the accessibility tree of GTK's test backend */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gui_test_init (&argc, &argv);

  g_test_add ("/channel-labels/choose-with-pointer", Fixture, NULL, fixture_set_up, test_choose_with_pointer,
              fixture_tear_down);
  g_test_add ("/channel-labels/choose-with-keyboard", Fixture, NULL, fixture_set_up, test_choose_with_keyboard,
              fixture_tear_down);
  g_test_add ("/channel-labels/faxes", Fixture, NULL, fixture_set_up, test_faxes, fixture_tear_down);

  return g_test_run ();
}
