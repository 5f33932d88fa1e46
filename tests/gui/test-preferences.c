/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Preferences, driven as a user does: real clicks and key presses through the X server
 * (xdotool), on a store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>

#include "kith-preferences-window.h"
#include "kith-stage-row.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"

typedef struct {
  KithTestStore *t;
  GtkWidget     *prefs;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = kith_test_store_new ();
  kith_store_set_clock (f->t->store, NULL, NULL);
  g_assert_true (kith_relationship_apply_preset (f->t->store, "realestate", NULL));
  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  gtk_window_present (GTK_WINDOW (f->prefs));
  wait_until (is_mapped, f->prefs);
  focus_window (f->prefs);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->prefs));
  spin (50);
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

/* The editor where it stays: on screen, done sliding in */
static gboolean
stage_editor_shown (gpointer data)
{
  GtkWidget *name = find_widget (data, ADW_TYPE_ENTRY_ROW, "Stage Name");
  GtkWidget *leaflet = name != NULL ? gtk_widget_get_ancestor (name, ADW_TYPE_LEAFLET) : NULL;

  return name != NULL && is_mapped (name) && leaflet != NULL && !adw_leaflet_get_child_transition_running (ADW_LEAFLET (leaflet));
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/preferences/leave-stage-editor", Fixture, NULL, fixture_set_up, test_leave_stage_editor,
              fixture_tear_down);

  return g_test_run ();
}
