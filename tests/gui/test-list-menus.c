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
  focus_window (GTK_WIDGET (f->window));
  f->people = kith_window_get_list (f->window, KITH_RECORD_PERSON);
  kith_window_show_page (f->window, "people");
  wait_until (is_mapped, f->people);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  kith_test_store_free (f->t);
}

/* The list's menu button, the one with the "more" icon */
static GtkWidget *
find_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root)), "view-more-symbolic") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
menu_popover (Fixture *f)
{
  GtkWidget *button = find_menu_button (GTK_WIDGET (f->people));

  g_assert_nonnull (button);
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

/* The label args[1] in args[0] (a menu's popover, the list), on screen */
static gboolean
menu_item_shown (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, args[1]);

  return label != NULL && is_mapped (label);
}

static gboolean
popover_closed (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* Opens the menu with a click; returns its popover, once @item shows */
static GtkWidget *
open_menu (Fixture    *f,
           const char *item)
{
  GtkWidget *popover = menu_popover (f);
  gpointer args[] = { popover, (gpointer) item };

  click (find_menu_button (GTK_WIDGET (f->people)));
  wait_until (menu_item_shown, args);

  return popover;
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

/* Picks @item from the open menu with the mouse, and waits for the menu to close */
static void
choose (GtkWidget  *popover,
        const char *item)
{
  click (find_widget (popover, GTK_TYPE_LABEL, item));
  wait_until (popover_closed, popover);
}

static gboolean
list_has_n (gpointer data)
{
  gpointer *args = data;
  KithListPage *page = args[0];

  return !kith_list_page_is_searching (page) &&
         g_list_model_get_n_items (kith_list_page_get_model (page)) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_count (KithListPage *page,
                guint         n)
{
  gpointer args[] = { page, GUINT_TO_POINTER (n) };

  wait_until (list_has_n, args);
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

  popover = open_menu (f, "Name");
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

  popover = open_menu (f, "Segment");
  g_assert_false (item_is_chosen (popover, "Name"));
  g_assert_true (item_is_chosen (popover, "Last Contact"));
  choose (popover, "Segment");
  g_object_get (f->people, "group", &group, NULL);
  g_assert_cmpint (group, ==, KITH_GROUP_SEGMENT);

  popover = open_menu (f, "Segment");
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
  g_autoptr(KithRecordItem) item = g_list_model_get_item (kith_list_page_get_model (page), 0);
  gboolean has_header = FALSE;
  KithGroup group;

  g_object_get (page, "group", &group, NULL);
  if (group != KITH_GROUP_STAGE || kith_list_page_is_searching (page) || item == NULL)
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
  GListModel *model = kith_list_page_get_model (f->people);
  g_autofree char *heading = NULL;
  guint headings = 0;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lamarr\", \"segment\": \"partner\", \"stage\": \"past\"}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Lamarr\", \"segment\": \"customer\", \"stage\": \"past\"}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Cid Lamarr\", \"segment\": \"partner\", \"stage\": \"past\"}");
  wait_for_count (f->people, 3);

  choose (open_menu (f, "Stage"), "Stage");
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
    wait_until (menu_item_shown, args);
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
