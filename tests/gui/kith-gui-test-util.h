/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the widget tests share: running the main loop until something a user would see
 * happens, and saving what the window shows. */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test after 30 s, saying where */
#define wait_until(condition, data) wait_until_at (condition, data, G_STRLOC, #condition)

static inline void
wait_until_at (Condition   condition,
               gpointer    data,
               const char *where,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: timed out waiting for %s", where, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* For wait_until (): @data, a widget, is on screen with a size */
static inline gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* The first descendant of @root that is a @type and, if @text is not NULL, shows it: as a
 * label's text or a preferences row's title */
static inline GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (text == NULL ||
       (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0) ||
       (ADW_IS_PREFERENCES_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline gboolean
on_frame_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static inline gboolean
frames_done (gpointer data)
{
  return *(guint *) data >= 3;
}

/* Waits until @widget's window has drawn a few frames: what GTK does after a layout (moving
 * the focus from a removed widget, for one) has been done */
static inline void
wait_for_frames (GtkWidget *widget)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, on_frame_tick_cb, &ticks, NULL);

  wait_until (frames_done, &ticks);
  gtk_widget_remove_tick_callback (widget, id);
}

/* Runs the main loop for @ms and fails the test as soon as @condition stops holding: for what
 * must not happen (a request, a navigation), which has no event to wait for */
static inline void
assert_holds_for (Condition   condition,
                  gpointer    data,
                  guint       ms,
                  const char *what)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  do
    {
      if (!condition (data))
        g_error ("No longer true: %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_get_monotonic_time () < until);
  if (!condition (data))
    g_error ("No longer true: %s", what);
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

/* Real input, as a user's: xdotool with the arguments up to NULL, through the X server's XTEST
 * extension — the events reach GTK the way a keyboard's and a mouse's do */
static inline void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char *program = g_find_program_in_path ("xdotool");
  va_list args;
  int status;

  if (program == NULL)
    g_error ("xdotool is missing (build-aux/debian-packages.txt lists it)");
  g_ptr_array_add (argv, program);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static inline char *
window_xid (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

static inline gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* Gives the window of @widget the keyboard, as a click on its title bar would */
static inline void
focus_window (GtkWidget *widget)
{
  g_autofree char *xid = window_xid (widget);

  xdotool ("windowfocus", "--sync", xid, NULL);
  wait_until (window_is_active, gtk_widget_get_root (widget));
}

/* Moves the pointer over the middle of @widget, or @x, @y inside it when they are not negative */
static inline void
pointer_to (GtkWidget *widget,
            double     x,
            double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *xid = window_xid (widget);
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;
  double wx, wy, tx, ty;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   x >= 0 ? x : gtk_widget_get_width (widget) / 2.0,
                                                   y >= 0 ? y : gtk_widget_get_height (widget) / 2.0,
                                                   &wx, &wy));
  gtk_native_get_surface_transform (native, &tx, &ty);
  sx = g_strdup_printf ("%d", (int) (wx + tx));
  sy = g_strdup_printf ("%d", (int) (wy + ty));
  xdotool ("mousemove", "--window", xid, sx, sy, NULL);
}

/* A left click on the middle of @widget */
static inline void
click (GtkWidget *widget)
{
  pointer_to (widget, -1, -1);
  xdotool ("click", "1", NULL);
}

static inline gboolean
in_view (gpointer data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (data, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (data, scrolled, &bounds) && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Scrolls with the mouse wheel, over the scrolled window @widget is in, until all of @widget
 * shows */
static inline void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  g_assert_nonnull (scrolled);
  for (guint tries = 0; !in_view (widget); tries++)
    {
      graphene_rect_t bounds;
      double before = gtk_adjustment_get_value (adjustment);
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      g_assert_cmpuint (tries, <, 100);
      g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
      pointer_to (scrolled, -1, -1);
      xdotool ("click", bounds.origin.y < 0 ? "4" : "5", NULL);
      while (gtk_adjustment_get_value (adjustment) == before && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      wait_for_frames (widget);
    }
}

/* Presses keys, e.g. "Return", "ctrl+Return", "alt+Left" */
static inline void
press_keys (const char *keys)
{
  xdotool ("key", "--clearmodifiers", keys, NULL);
}

/* Types @text on the keyboard */
static inline void
type_text (const char *text)
{
  xdotool ("type", "--delay", "20", text, NULL);
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
