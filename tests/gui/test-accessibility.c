/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * What a screen reader hears, under Xvfb on a real store: each control's accessible name says
 * what it acts on. The Agenda's Done boxes and Reschedule menus name their to-do; every button
 * that shows only an icon has a name, and so do the profile's menus; the buttons of a deal's
 * people, a saved view, a file and a to-do's participant chip name whom or what they act on; the
 * sidebar's pages and the lists' rows have names.
 *
 * The names are read from GTK's accessibility tree through its test backend, GTK_A11Y=test
 * (GTK 4.8 has it; the other GUI tests run with GTK_A11Y=none). It keeps every property GTK and
 * Kith set on each accessible, as the AT-SPI backend sends them, and gtk_test_accessible_*
 * reads them back in the same process. The AT-SPI bus would need a second process reading it
 * (no AT-SPI client library is among the build's packages) and says nothing more about the
 * names Kith sets.
 */

#include <adwaita.h>

#include "kith-agenda-page.h"
#include "kith-deal-person-row.h"
#include "kith-files-group.h"
#include "kith-participant-chip.h"
#include "kith-list-page.h"
#include "kith-list-row.h"
#include "kith-profile-page.h"
#include "kith-view.h"
#include "kith-view-row.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef WindowFixture Fixture;

/* Fails the test unless @widget's accessible name is @name */
static void
assert_name (GtkWidget  *widget,
             const char *name)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  if (wrong != NULL)
    g_error ("A %s is named “%s”, not “%s”", G_OBJECT_TYPE_NAME (widget), wrong, name);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Two to-dos on the Agenda: each Done box and each Reschedule menu names its own */
static void
test_agenda_names (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *day = today ();
  g_autofree char *cma = g_strdup_printf ("{\"subject\": \"Send CMA\", \"when\": \"%s\"}", day);
  g_autofree char *survey = g_strdup_printf ("{\"subject\": \"Book the survey\", \"when\": \"%s\"}", day);
  GtkWidget *agenda = GTK_WIDGET (agenda_page (f->window));

  seed_add (f->t, "todo", cma);
  seed_add (f->t, "todo", survey);
  go_to_page (f->window, "agenda");

  assert_name (find_widget (action_row_titled (agenda, "Send CMA"), GTK_TYPE_CHECK_BUTTON, NULL), "Mark “Send CMA” done");
  assert_name (find_widget (action_row_titled (agenda, "Send CMA"), GTK_TYPE_MENU_BUTTON, NULL), "Reschedule “Send CMA”");
  assert_name (find_widget (action_row_titled (agenda, "Book the survey"), GTK_TYPE_CHECK_BUTTON, NULL),
               "Mark “Book the survey” done");
}

/* A button that shows only an icon: a screen reader has nothing to read but its name */
static gboolean
shows_only_icon (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL &&
           gtk_menu_button_get_child (GTK_MENU_BUTTON (widget)) == NULL;
  if (!GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget))
    return FALSE;
  /* The button inside a menu button is named by it; the window's controls by GTK */
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON) != NULL ||
      gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) != NULL)
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  if (ADW_IS_BUTTON_CONTENT (child))
    return FALSE;
  return GTK_IS_IMAGE (child) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL;
}

/* Fails the test, naming them, if buttons on screen in @root show an icon and have no name */
static void
assert_icon_buttons_named (GtkWidget *root,
                           GString   *unnamed)
{
  if (gtk_widget_get_mapped (root) && shows_only_icon (root) &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_string_append_printf (unnamed, " %s (%s, tooltip “%s”)", G_OBJECT_TYPE_NAME (root),
                            gtk_widget_get_name (root), gtk_widget_get_tooltip_text (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    assert_icon_buttons_named (child, unnamed);
}

static void
assert_all_named (Fixture *f)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  wait_for_frames (GTK_WIDGET (f->window));
  assert_icon_buttons_named (GTK_WIDGET (f->window), unnamed);
  if (unnamed->len > 0)
    g_error ("Icon buttons without a name:%s", unnamed->str);
}

/* Every page, and a person's profile beside People: no icon button goes unnamed */
static void
test_icon_buttons (Fixture       *f,
                   gconstpointer  data)
{
  static const char *pages[] = { "agenda", "inbox", "people", "companies", "projects" };
  g_autofree char *day = today ();
  g_autofree char *todo = g_strdup_printf ("{\"subject\": \"Send CMA\", \"when\": \"%s\", "
                                           "\"participants\": [\"ada@example.com\"]}", day);

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  seed_add (f->t, "todo", todo);
  seed_add (f->t, "item", "{\"style\": \"note\", \"subject\": \"Met at the fair\", "
                          "\"date\": \"2025-03-05T12:00:00Z\", \"references\": [\"ada@example.com\"]}");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      go_to_page (f->window, pages[i]);
      assert_all_named (f);
    }

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  action_row_titled (profile_page (f->window), "Met at the fair");
  assert_all_named (f);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

/* The profile's menus: the record's own, and each timeline item's, named by its title */
static void
test_profile_menus (Fixture       *f,
                    gconstpointer  data)
{
  KithProfilePage *profile = profile_page (f->window);
  GtkWidget *note;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  seed_add (f->t, "item", "{\"style\": \"note\", \"subject\": \"Met at the fair\", "
                          "\"date\": \"2025-03-05T12:00:00Z\", \"references\": [\"ada@example.com\"]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");

  /* The first menu button in the profile is its header bar's */
  assert_name (find_where (GTK_WIDGET (profile), is_menu_button, NULL), "Actions for This Record");
  note = action_row_titled (profile, "Met at the fair");
  assert_name (find_where (note, is_menu_button, NULL), "More for “Met at the fair”");
}

static gboolean
is_deal_person_remove (GtkWidget     *widget,
                       gconstpointer  unused)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_get_ancestor (widget, KITH_TYPE_DEAL_PERSON_ROW) != NULL;
}

/* Whether Ada's remove button on the profile has the name the real estate preset gives it */
static gboolean
remove_named_for_property (gpointer data)
{
  GtkWidget *row = find_where (GTK_WIDGET (profile_page (data)), is_action_row_titled, "Ada Lovelace");
  GtkWidget *button = row != NULL ? find_where (row, is_deal_person_remove, NULL) : NULL;
  g_autofree char *wrong = NULL;

  if (button == NULL)
    return FALSE;
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Remove “Ada Lovelace” From the Property");
  return wrong == NULL;
}

/* With the real estate preset, the button that takes someone off a property says so. The window
 * reads the preset on the store's worker: the rows are named again when it arrives, which may be
 * after the profile first shows them. */
static void
test_deal_people (Fixture       *f,
                  gconstpointer  data)
{
  apply_preset (f->t->store, "realestate");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"4 Quay Street\", \"participants\": [\"ada@example.com\"]}");
  open_from_list (f->window, KITH_RECORD_PROJECT, "4 Quay Street");

  action_row_titled (profile_page (f->window), "Ada Lovelace");
  wait_until (remove_named_for_property, f->window);
}

static gboolean
is_view_row (GtkWidget     *widget,
             gconstpointer  unused)
{
  return KITH_IS_VIEW_ROW (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
shows_view_row (gpointer window)
{
  return find_where (window, is_view_row, NULL) != NULL;
}

/* A saved view's buttons in the sidebar name the view they rename and remove */
static void
test_view_buttons (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  GtkWidget *row;

  kith_view_save_async (f->t->store, "VIPs", KITH_RECORD_PERSON, "tag:vip", kith_test_result_cb, &result);
  g_assert_true (kith_view_write_finish (f->t->store, kith_test_wait_result (&result), NULL));
  /* The window reads its views again when told, as the list's Save does */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.views-changed", NULL);
  wait_until (shows_view_row, f->window);

  row = find_where (GTK_WIDGET (f->window), is_view_row, NULL);
  assert_name (find_where (row, has_tooltip, "Rename View"), "Rename View “VIPs”");
  assert_name (find_where (row, has_tooltip, "Remove View"), "Remove View “VIPs”");
}

static gboolean
is_named_row (GtkWidget     *widget,
              gconstpointer  name)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
deals_called_properties (gpointer window)
{
  KithKindNames *names;

  g_object_get (window, "names", &names, NULL);
  g_object_unref (names);
  return kith_kind_names_get_real_estate (names);
}

static gboolean
is_list_row_of (GtkWidget     *widget,
                gconstpointer  name)
{
  GtkWidget *label;

  if (!KITH_IS_LIST_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  label = find_widget (widget, GTK_TYPE_LABEL, name);
  return label != NULL;
}

/* The sidebar's pages and a list's rows have names: GTK 4.8 gives a row none from its text */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  static const char *pages[] = { "agenda", "inbox", "people", "companies", "projects" };
  static const char *names[] = { "Agenda", "Inbox", "People", "Companies", "Properties" };
  GtkWidget *sidebar = gtk_widget_get_parent (find_where (GTK_WIDGET (f->window), is_named_row, "agenda"));
  gpointer shows_ada[] = { NULL, (gpointer) "Ada Lovelace" };

  apply_preset (f->t->store, "realestate");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  wait_until (deals_called_properties, f->window);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    assert_name (find_where (sidebar, is_named_row, pages[i]), names[i]);

  go_to_page (f->window, "people");
  shows_ada[0] = list_page (f->window, KITH_RECORD_PERSON);
  wait_until (row_in_view, shows_ada);
  assert_name (find_where (shows_ada[0], is_list_row_of, "Ada Lovelace"), "Ada Lovelace");
}

static gboolean
is_chip_of (GtkWidget     *widget,
            gconstpointer  name)
{
  return KITH_IS_PARTICIPANT_CHIP (widget) && gtk_widget_get_mapped (widget) &&
         find_widget (widget, GTK_TYPE_LABEL, name) != NULL;
}

/* The chip on screen (on a form) of the person named @name */
static GtkWidget *
chip_of (const char *name)
{
  return find_in_any_window (is_chip_of, name);
}

static gboolean
chip_shown (gpointer name)
{
  return chip_of (name) != NULL;
}

static gboolean
chip_gone (gpointer name)
{
  return chip_of (name) == NULL;
}

/* The New To-Do form's chip of the person it is with says a click takes them off */
static void
test_participant_chip (Fixture       *f,
                       gconstpointer  data)
{
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  press_keys ("ctrl+t");
  wait_until (chip_shown, (gpointer) "Ada Lovelace");
  assert_name (chip_of ("Ada Lovelace"), "Remove “Ada Lovelace”");
  press_keys ("Escape");
  wait_until (chip_gone, (gpointer) "Ada Lovelace");
}

/* A file's remove button names the file */
static void
test_file_row (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t->dir, "Survey.pdf", NULL);
  GtkWidget *group, *row;

  g_assert_true (g_file_set_contents (path, "%PDF-1.4", -1, NULL));
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  /* The profile's content is built when it first shows a record */
  group = find_widget (GTK_WIDGET (f->window), KITH_TYPE_FILES_GROUP, NULL);
  attach_file (group, path);
  row = action_row_titled (group, "Survey.pdf");
  assert_name (find_widget (row, GTK_TYPE_BUTTON, NULL), "Remove “Survey.pdf”");
}

int
main (int   argc,
      char *argv[])
{
  /* Before GTK starts: the accessibility tree of GTK's test backend (see the top) */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gui_test_init (&argc, &argv);

  g_test_add ("/accessibility/agenda", Fixture, NULL, window_fixture_set_up, test_agenda_names, window_fixture_tear_down);
  g_test_add ("/accessibility/icon-buttons", Fixture, NULL, window_fixture_set_up, test_icon_buttons, window_fixture_tear_down);
  g_test_add ("/accessibility/deal-people", Fixture, NULL, window_fixture_set_up, test_deal_people, window_fixture_tear_down);
  g_test_add ("/accessibility/view-buttons", Fixture, NULL, window_fixture_set_up, test_view_buttons, window_fixture_tear_down);
  g_test_add ("/accessibility/rows", Fixture, NULL, window_fixture_set_up, test_rows, window_fixture_tear_down);
  g_test_add ("/accessibility/participant-chip", Fixture, NULL, window_fixture_set_up, test_participant_chip, window_fixture_tear_down);
  g_test_add ("/accessibility/file-row", Fixture, NULL, window_fixture_set_up, test_file_row, window_fixture_tear_down);
  g_test_add ("/accessibility/profile-menus", Fixture, NULL, window_fixture_set_up, test_profile_menus, window_fixture_tear_down);

  return g_test_run ();
}
