/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The People list's Sort and Group menu, driven with the mouse through the X server (xdotool):
 * its radio items show the list's order and grouping, and a grouping by stage heads each stage
 * once. A real window on a real store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>

#include "kith-list-page.h"
#include "kith-record-item.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
  KithListPage  *people;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* Each test starts from the default order and grouping: the settings outlive a window */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.kithcrm.Kith");

    g_settings_reset (settings, "sort");
    g_settings_reset (settings, "group");
  }
  f->t = gui_test_store_new ();
  apply_preset (f->t->store, "realestate");
  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
  f->people = list_page (f->window, KITH_RECORD_PERSON);
  go_to_page (f->window, "people");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
}

/* Whether the menu's radio item labelled @label shows as chosen */
static gboolean
item_is_chosen (GtkWidget  *popover,
                const char *label)
{
  GtkWidget *item = find_widget (popover, GTK_TYPE_LABEL, label);
  GtkWidget *button = item != NULL ? gtk_widget_get_ancestor (item, g_type_from_name ("GtkModelButton")) : NULL;
  gboolean active = FALSE;

  g_assert_nonnull (button);
  g_object_get (button, "active", &active, NULL);

  return active;
}

static gboolean
sort_is (gpointer data)
{
  gpointer *args = data;
  KithSort sort;

  g_object_get (args[0], "sort", &sort, NULL);
  return (int) sort == GPOINTER_TO_INT (args[1]);
}

/* The menu shows the order and grouping the list has, and a choice from it changes both */
static void
test_menu_shows_choice (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *popover;
  KithGroup group;

  popover = open_menu (f->people, "Name");
  g_assert_true (item_is_chosen (popover, "Name"));
  g_assert_false (item_is_chosen (popover, "Last Contact"));
  g_assert_false (item_is_chosen (popover, "Last Changed"));
  g_assert_true (item_is_chosen (popover, "Nothing"));
  g_assert_false (item_is_chosen (popover, "Stage"));
  choose (popover, "Last Contact");
  {
    gpointer args[] = { f->people, GINT_TO_POINTER (KITH_SORT_LAST_CONTACT) };
    wait_until (sort_is, args);
  }

  popover = open_menu (f->people, "Segment");
  g_assert_false (item_is_chosen (popover, "Name"));
  g_assert_true (item_is_chosen (popover, "Last Contact"));
  choose (popover, "Segment");
  g_object_get (f->people, "group", &group, NULL);
  g_assert_cmpint (group, ==, KITH_GROUP_SEGMENT);

  popover = open_menu (f->people, "Segment");
  g_assert_false (item_is_chosen (popover, "Nothing"));
  g_assert_true (item_is_chosen (popover, "Segment"));
  g_assert_true (item_is_chosen (popover, "Last Contact"));
  press_keys ("Escape");
  wait_until (popover_closed, popover);
}

static gboolean
items_loaded (gpointer data)
{
  GListModel *model = data;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (model, i);

      if (!kith_record_item_get_loaded (item))
        return FALSE;
    }

  return TRUE;
}

/* Grouped by stage, searched again, its first row heading the list */
static gboolean
grouped_by_stage (gpointer data)
{
  KithListPage *page = data;
  GListModel *rows = list_rows (page);
  g_autoptr(KithRecordItem) item = rows != NULL ? g_list_model_get_item (rows, 0) : NULL;
  gboolean has_header = FALSE;
  KithGroup group;

  g_object_get (page, "group", &group, NULL);
  if (group != KITH_GROUP_STAGE || item == NULL)
    return FALSE;
  g_object_get (item, "has-group-header", &has_header, NULL);
  return has_header;
}

/* Buyers call the stage past Closed, Agents & Partners Inactive; the search puts everyone in
 * it together, by name: one heading names it both ways, where there were three */
static void
test_stage_heading_once (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *model = list_rows (f->people);
  g_autofree char *heading = NULL;
  guint headings = 0;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lamarr\", \"segment\": \"partner\", \"stage\": \"past\"}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Lamarr\", \"segment\": \"customer\", \"stage\": \"past\"}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Cid Lamarr\", \"segment\": \"partner\", \"stage\": \"past\"}");
  wait_for_count (f->people, 3);

  choose (open_menu (f->people, "Stage"), "Stage");
  wait_until (grouped_by_stage, f->people);
  wait_until (items_loaded, model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (model, i);
      gboolean has_header;

      g_object_get (item, "has-group-header", &has_header, NULL);
      if (has_header)
        {
          headings++;
          g_clear_pointer (&heading, g_free);
          g_object_get (item, "group-header", &heading, NULL);
        }
    }
  g_assert_cmpuint (headings, ==, 1);
  g_assert_nonnull (strstr (heading, "Inactive"));
  g_assert_nonnull (strstr (heading, "Closed"));

  /* On screen, as the list's heading */
  {
    gpointer args[] = { f->people, heading };
    wait_until (label_shown, args);
  }
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/list-menus/menu-shows-choice", Fixture, NULL, fixture_set_up, test_menu_shows_choice, fixture_tear_down);
  g_test_add ("/list-menus/stage-heading-once", Fixture, NULL, fixture_set_up, test_stage_heading_once,
              fixture_tear_down);

  return g_test_run ();
}
