/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Preferences, driven as a user does: real clicks and key presses through the X server
 * (xdotool), on a store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>

#include "kith-preferences-window.h"
#include "kith-stage-row.h"
#include "kith-step-row.h"
#include "kith-segment-row.h"
#include "kith-field-definition-row.h"
#include "kith-tag-row.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-steps.h"

typedef struct {
  KithTestStore *t;
  GtkWidget     *prefs;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  apply_preset (f->t->store, "realestate");
  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  gtk_window_present (GTK_WINDOW (f->prefs));
  wait_until (is_mapped, f->prefs);
  focus_window (f->prefs);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->prefs);
  kith_test_store_free (f->t);
}

/* The first row that opens a stage's editor */
static GtkWidget *
find_stage_row (GtkWidget *root)
{
  if (KITH_IS_STAGE_ROW (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_stage_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
segments_loaded (gpointer data)
{
  GtkWidget *expander = find_widget (data, ADW_TYPE_EXPANDER_ROW, NULL);

  return expander != NULL && is_mapped (expander);
}

/* A stage row where it stays: on screen, its segment opened all the way */
static gboolean
stage_row_shown (gpointer data)
{
  GtkWidget *row = find_stage_row (data);
  GtkWidget *revealer = row != NULL ? gtk_widget_get_ancestor (row, GTK_TYPE_REVEALER) : NULL;

  return row != NULL && is_mapped (row) && revealer != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* Back on the main page: the editor gone, the stages shown */
static gboolean
stage_editor_left (gpointer data)
{
  GtkWidget *name = find_widget (data, ADW_TYPE_ENTRY_ROW, "Stage Name");

  return (name == NULL || !gtk_widget_get_mapped (name)) && stage_row_shown (data);
}

static void
open_stage_editor (Fixture *f)
{
  wait_until (stage_row_shown, f->prefs);
  click (find_stage_row (f->prefs));
  wait_until (stage_editor_shown, f->prefs);
}

/* The stage editor is left with its Back button, Escape, or Alt+Left */
static void
test_leave_stage_editor (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *back;

  /* A segment opened shows its stages */
  wait_until (segments_loaded, f->prefs);
  click (find_widget (f->prefs, ADW_TYPE_EXPANDER_ROW, NULL));

  open_stage_editor (f);
  /* The first button of the editor's own header bar */
  back = NULL;
  for (GtkWidget *w = find_widget (f->prefs, ADW_TYPE_ENTRY_ROW, "Stage Name"); w != NULL && back == NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *header = find_widget (w, ADW_TYPE_HEADER_BAR, NULL);

      if (header != NULL)
        back = find_widget (header, GTK_TYPE_BUTTON, NULL);
    }
  g_assert_nonnull (back);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, "Back");
  click (back);
  wait_until (stage_editor_left, f->prefs);

  open_stage_editor (f);
  press_keys ("Escape");
  wait_until (stage_editor_left, f->prefs);
  /* It closed the editor only, not the window */
  g_assert_true (gtk_widget_get_visible (f->prefs));

  open_stage_editor (f);
  press_keys ("alt+Left");
  wait_until (stage_editor_left, f->prefs);
  g_assert_true (gtk_widget_get_visible (f->prefs));
}

typedef struct {
  GtkWidget  *row;
  const char *text;
} Shows;

static gboolean
entry_shows (gpointer data)
{
  Shows *shows = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (shows->row)), shows->text) == 0;
}

/* A step renamed with the keyboard, and Preferences closed before the edit would have been
 * saved (it waits for typing to pause): opened again, Preferences shows the new name */
static void
test_step_edited_then_closed (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *step_row = open_first_step (f->prefs);
  GtkWidget *name_row = find_widget (step_row, ADW_TYPE_ENTRY_ROW, "Name");
  g_autofree char *renamed = NULL;
  GtkWidget *closing = f->prefs;
  Shows shows;

  g_assert_nonnull (name_row);
  renamed = g_strconcat (gtk_editable_get_text (GTK_EDITABLE (name_row)), " now", NULL);
  wait_until (revealed, name_row);
  click (name_row);
  press_keys ("End");
  type_text (" now");
  shows = (Shows) { name_row, renamed };
  wait_until (entry_shows, &shows);

  /* Closed at once: the save was still waiting */
  g_object_add_weak_pointer (G_OBJECT (closing), (gpointer *) &closing);
  gtk_window_close (GTK_WINDOW (f->prefs));
  wait_until (window_gone, &closing);

  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  gtk_window_present (GTK_WINDOW (f->prefs));
  wait_until (is_mapped, f->prefs);
  step_row = open_first_step (f->prefs);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (step_row)), ==, renamed);
}

/* The first mapped descendant of @root whose tooltip is @tooltip */
static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first mapped button of @root labelled @label */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The message dialog on screen, if any */
static GtkWidget *
shown_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && is_mapped (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return shown_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return shown_dialog () == NULL;
}

typedef struct {
  GtkWidget  *root;
  GType       type;
  const char *title;
} Row;

static gboolean
row_shown (gpointer data)
{
  Row *row = data;
  GtkWidget *found = find_widget (row->root, row->type, row->title);

  return found != NULL && is_mapped (found);
}

static gboolean
row_gone (gpointer data)
{
  return !row_shown (data);
}

/* Clicks @label in the dialog on screen, once there is one */
static void
answer_dialog (const char *label)
{
  GtkWidget *button;

  wait_until (dialog_shown, NULL);
  button = find_button (shown_dialog (), label);
  g_assert_nonnull (button);
  click (button);
  wait_until (dialog_gone, NULL);
}

static gboolean
add_shown (gpointer data)
{
  GtkWidget *add = find_by_tooltip (data, "Add a Field for People");

  return add != NULL && is_mapped (add);
}

/* A field added for people with its form, and removed after saying yes */
static void
test_custom_field (Fixture       *f,
                   gconstpointer  data)
{
  Row field = { f->prefs, KITH_TYPE_FIELD_DEFINITION_ROW, "Gift Ideas" };
  GtkWidget *add;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), "fields");
  wait_until (add_shown, f->prefs);
  add = find_by_tooltip (f->prefs, "Add a Field for People");
  click (add);
  wait_until (dialog_shown, NULL);
  click (find_widget (shown_dialog (), GTK_TYPE_TEXT, NULL));
  type_text ("Gift Ideas");
  answer_dialog ("_Add");
  wait_until (row_shown, &field);
  save_png (f->prefs, "preferences-fields.png");

  click (find_by_tooltip (find_widget (f->prefs, KITH_TYPE_FIELD_DEFINITION_ROW, "Gift Ideas"), "Remove Field"));
  answer_dialog ("_Remove");
  wait_until (row_gone, &field);
}

typedef struct {
  GtkWidget  *root;
  const char *name;
} TagShown;

/* A tag row shows the tag @name */
static gboolean
tag_shown (gpointer data)
{
  TagShown *shown = data;
  GtkWidget *row = find_widget (shown->root, KITH_TYPE_TAG_ROW, NULL);

  return row != NULL && is_mapped (row) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), shown->name) == 0;
}

static gboolean
tag_renamed (gpointer data)
{
  g_autoptr(GArray) found = find_records (data, KITH_RECORD_PERSON, "tag:vip");

  return found != NULL && found->len == 0;
}

/* A tag renamed on the Tags page with the keyboard is renamed on its records */
static void
test_tag_renamed (Fixture       *f,
                  gconstpointer  data)
{
  TagShown shown = { NULL, "vip" };
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ann Example\", \"keywords\": [\"vip\"]}");
  g_autoptr(GArray) found = NULL;

  /* Opened again, to show the tag */
  gtk_window_destroy (GTK_WINDOW (f->prefs));
  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  gtk_window_present (GTK_WINDOW (f->prefs));
  wait_until (is_mapped, f->prefs);
  focus_window (f->prefs);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), "tags");
  shown.root = f->prefs;
  wait_until (tag_shown, &shown);

  click (find_widget (f->prefs, KITH_TYPE_TAG_ROW, NULL));
  press_keys ("ctrl+a");
  type_text ("client");
  press_keys ("Return");
  wait_until (tag_renamed, f->t->store);

  found = find_records (f->t->store, KITH_RECORD_PERSON, "tag:client");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, id);
  /* The page shows what the store has */
  shown.name = "client";
  wait_until (tag_shown, &shown);
  save_png (f->prefs, "preferences-tags.png");
}

/* The first mapped row of @root of @type titled @title, not part of a segment's row */
static GtkWidget *
find_result (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (!gtk_widget_get_mapped (root) || KITH_IS_SEGMENT_ROW (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      row_shows_title (ADW_PREFERENCES_ROW (root), title))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_result (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
found_by_search (gpointer data)
{
  Row *row = data;
  GtkWidget *found = find_result (row->root, row->type, row->title);

  /* Not the segment's own row: a result, on screen while the pages are not */
  return found != NULL && is_mapped (found);
}

/* Searching Preferences finds a segment by its name */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  Row segment = { NULL, ADW_TYPE_ACTION_ROW, "Friends" };

  /* Another preset's segments than the fixture's: the window shows the store's */
  apply_preset (f->t->store, "business");
  gtk_window_destroy (GTK_WINDOW (f->prefs));
  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  gtk_window_present (GTK_WINDOW (f->prefs));
  wait_until (is_mapped, f->prefs);
  focus_window (f->prefs);
  segment.root = f->prefs;

  wait_until (segments_loaded, f->prefs);
  press_keys ("ctrl+f");
  type_text ("Friends");
  wait_until (found_by_search, &segment);
}

/* For find_where (): a label on screen, not in a segment's own row, that shows @data */
static gboolean
is_result_label (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && is_mapped (widget) &&
         gtk_widget_get_ancestor (widget, KITH_TYPE_SEGMENT_ROW) == NULL &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
result_label_shown (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_result_label, args[1]) != NULL;
}

static gboolean
segments_hidden (gpointer data)
{
  return !segments_loaded (data);
}

/* A name with "&" in it is found and shown whole: libadwaita 1.2 reads a result's title as
 * markup, whatever its row says */
static void
test_search_shows_names (Fixture       *f,
                         gconstpointer  data)
{
  gpointer args[] = { f->prefs, "Agents & Partners" };

  focus_window (f->prefs);
  wait_until (segments_loaded, f->prefs);
  /* The segment's own row shows its name as it is */
  g_assert_nonnull (find_widget (f->prefs, KITH_TYPE_SEGMENT_ROW, "Agents & Partners"));
  g_assert_null (find_where (f->prefs, is_result_label, args[1]));

  press_keys ("ctrl+f");
  type_text ("agents");
  wait_until (result_label_shown, args);
  /* Once the pages have faded out */
  wait_until (segments_hidden, f->prefs);
  save_png (f->prefs, "preferences-search-ampersand.png");
}

/* The step row at @index of the stage editor's list */
static GtkWidget *
step_row_at (GtkWidget *prefs,
             int        index)
{
  GtkWidget *first = find_widget (prefs, KITH_TYPE_STEP_ROW, NULL);
  GtkWidget *list = first != NULL ? gtk_widget_get_ancestor (first, GTK_TYPE_LIST_BOX) : NULL;

  return list != NULL ? GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index)) : NULL;
}

static gboolean
first_step_is (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = step_row_at (args[0], 0);

  return row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), args[1]) == 0;
}

/* Whether the step at @index can move up and down, as its buttons show */
static void
assert_moves (GtkWidget *prefs,
              int        index,
              gboolean   up,
              gboolean   down)
{
  GtkWidget *row = step_row_at (prefs, index);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_sensitive (find_by_tooltip (row, "Move Up")) == up);
  g_assert_true (gtk_widget_is_sensitive (find_by_tooltip (row, "Move Down")) == down);
}

/* The first step cannot move up nor the last down, and the buttons follow a move */
static void
test_step_moves_at_ends (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *list;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  int n;

  open_first_step (f->prefs);
  list = gtk_widget_get_ancestor (step_row_at (f->prefs, 0), GTK_TYPE_LIST_BOX);
  for (n = 0; gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL; n++)
    ;
  g_assert_cmpint (n, >=, 2);
  first = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (step_row_at (f->prefs, 0))));
  second = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (step_row_at (f->prefs, 1))));

  assert_moves (f->prefs, 0, FALSE, TRUE);
  assert_moves (f->prefs, n - 1, TRUE, FALSE);

  /* The first step moved down: the second is first now, and both rows say so */
  click (find_by_tooltip (step_row_at (f->prefs, 0), "Move Down"));
  {
    gpointer args[] = { f->prefs, second };
    wait_until (first_step_is, args);
  }
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (step_row_at (f->prefs, 1))), ==, first);
  assert_moves (f->prefs, 0, FALSE, TRUE);
  assert_moves (f->prefs, 1, TRUE, n > 2);
  assert_moves (f->prefs, n - 1, TRUE, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/preferences/leave-stage-editor", Fixture, NULL, fixture_set_up, test_leave_stage_editor,
              fixture_tear_down);
  g_test_add ("/preferences/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/preferences/search-shows-names", Fixture, NULL, fixture_set_up, test_search_shows_names,
              fixture_tear_down);
  g_test_add ("/preferences/custom-field", Fixture, NULL, fixture_set_up, test_custom_field, fixture_tear_down);
  g_test_add ("/preferences/tag-renamed", Fixture, NULL, fixture_set_up, test_tag_renamed, fixture_tear_down);
  g_test_add ("/preferences/step-edited-then-closed", Fixture, NULL, fixture_set_up, test_step_edited_then_closed,
              fixture_tear_down);

  g_test_add ("/preferences/step-moves-at-ends", Fixture, NULL, fixture_set_up, test_step_moves_at_ends,
              fixture_tear_down);

  return g_test_run ();
}
