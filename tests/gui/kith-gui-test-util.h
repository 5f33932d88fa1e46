/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the widget tests share: running the main loop until something a user would see
 * happens, and saving what the window shows. */

#include <adwaita.h>

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test after 30 s */
static inline void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static inline void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static inline void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  /* Into the build dir under meson test; elsewhere out of the source tree */
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : g_get_tmp_dir (),
                                           "screenshots", NULL);
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);

  /* The paintable is empty until the window has drawn a frame; wait for one */
  while (node == NULL && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gtk_widget_queue_draw (widget);
      spin (50);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
}
