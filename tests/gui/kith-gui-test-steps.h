/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Preferences → Relationship's next steps, reached as a user does: a segment opened, the first
 * stage with steps, its editor slid in, its first step expanded. And a window waited out.
 */

#include <adwaita.h>

#include "kith-segment-row.h"
#include "kith-stage-row.h"
#include "kith-step-row.h"
#include "kith-gui-test-util.h"

/* The editor where it stays: on screen, done sliding in */
static inline gboolean
stage_editor_shown (gpointer data)
{
  GtkWidget *name = find_widget (data, ADW_TYPE_ENTRY_ROW, "Stage Name");
  GtkWidget *leaflet = name != NULL ? gtk_widget_get_ancestor (name, ADW_TYPE_LEAFLET) : NULL;

  return name != NULL && is_mapped (name) && leaflet != NULL && !adw_leaflet_get_child_transition_running (ADW_LEAFLET (leaflet));
}

/* The first stage row whose stage has next steps */
static inline GtkWidget *
find_stage_with_steps (GtkWidget *root)
{
  if (KITH_IS_STAGE_ROW (root))
    {
      g_autoptr(KithStage) stage = NULL;

      g_object_get (root, "stage", &stage, NULL);
      if (kith_stage_get_n_steps (stage) > 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_stage_with_steps (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
revealed (gpointer data)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (data, GTK_TYPE_REVEALER);

  return is_mapped (data) && gtk_widget_get_width (data) > 0 &&
         (revealer == NULL || gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
}

static inline gboolean
stage_with_steps_loaded (gpointer data)
{
  return find_stage_with_steps (data) != NULL;
}

/* Opens the editor of the first stage with steps, and the first step in it; returns the step's row */
static inline GtkWidget *
open_first_step (GtkWidget *prefs)
{
  GtkWidget *stage_row, *step_row;

  wait_until (stage_with_steps_loaded, prefs);
  stage_row = find_stage_with_steps (prefs);
  scroll_into_view (gtk_widget_get_ancestor (stage_row, KITH_TYPE_SEGMENT_ROW));
  click (gtk_widget_get_ancestor (stage_row, KITH_TYPE_SEGMENT_ROW));
  wait_until (revealed, stage_row);
  scroll_into_view (stage_row);
  click (stage_row);
  wait_until (stage_editor_shown, prefs);
  step_row = find_widget (prefs, KITH_TYPE_STEP_ROW, NULL);
  g_assert_nonnull (step_row);
  click (step_row);

  return step_row;
}

static inline gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}
