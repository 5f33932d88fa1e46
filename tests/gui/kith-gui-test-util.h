/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the widget tests share: owning the main loop as the application does, running it until
 * something a user would see happens, finding widgets by what they show, real input through the
 * X server, and saving what a window shows. The store's side is in kith-gui-test-store.h, the
 * window's parts in kith-gui-test-window.h. */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

/* The main thread owns the default main context from start to end, as it does in the
 * application: so the store's check (KITH_STORE_THREAD_CHECK, on in every test run) aborts on a
 * store call made on it by product code, whether a callback or a test body called that code. */
static inline void
own_main_context (void)
{
  g_assert_true (g_main_context_acquire (NULL));
}

static inline void
gui_test_init (int    *argc,
               char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  own_main_context ();
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test after 60 s, saying where (a first
 * mail sync with Camel and the registry can take half a minute on a busy machine) */
#define wait_until(condition, data) wait_until_at (condition, data, G_STRLOC, #condition)

static inline void
wait_until_at (Condition   condition,
               gpointer    data,
               const char *where,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

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

/* Whether @row's title, read as its labels read it, is @text */
static inline gboolean
row_shows_title (AdwPreferencesRow *row,
                 const char        *text)
{
  const char *title = adw_preferences_row_get_title (row);
  g_autofree char *shown = NULL;

  if (title != NULL && adw_preferences_row_get_use_markup (row) &&
      pango_parse_markup (title, -1, 0, NULL, &shown, NULL, NULL))
    title = shown;
  return g_strcmp0 (title, text) == 0;
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
       (ADW_IS_PREFERENCES_ROW (root) && row_shows_title (ADW_PREFERENCES_ROW (root), text))))
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

/* Runs the main loop until @condition no longer holds or @ms have passed */
static inline void
holds_at_most (Condition  condition,
               gpointer   data,
               guint      ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (condition (data) && g_get_monotonic_time () < until)
    {
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

static inline gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closes @window, if any, and waits until it is gone: what it had asked the store for has come
 * back, so the store may go too */
static inline void
close_window (gpointer window)
{
  gpointer weak = window;

  if (window == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (is_gone, &weak);
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

typedef struct {
  GtkWidget *widget;
  double     x, y;
  gint64     since;
} Settling;

/* Laid out, and no longer moving (a toast slides in, a menu pops up) for a tenth of a second */
static inline gboolean
has_settled (gpointer data)
{
  Settling *settling = data;
  GtkWidget *widget = settling->widget;
  double x, y;

  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0 || gtk_widget_get_height (widget) == 0 ||
      !gtk_widget_translate_coordinates (widget, GTK_WIDGET (gtk_widget_get_native (widget)), 0, 0, &x, &y))
    return FALSE;
  if (x != settling->x || y != settling->y || settling->since == 0)
    {
      settling->x = x;
      settling->y = y;
      settling->since = g_get_monotonic_time ();
      return FALSE;
    }
  return g_get_monotonic_time () - settling->since > 100 * 1000;
}

/* For wait_until (): @data, a widget, takes input */
static inline gboolean
is_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

/* A left click on the middle of @widget once it stays where it is drawn */
static inline void
click_when_still (GtkWidget *widget)
{
  Settling settling = { widget, 0, 0, 0 };

  wait_until (has_settled, &settling);
  click (widget);
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

/* A window of its own with a label to drag from, put in @out_window for the test to destroy:
 * @path as a file manager offers a file (as a file, and as its path in text), or with @as_file
 * FALSE as text only */
static inline GtkWidget *
present_drag_source (const char  *path,
                     gboolean     as_file,
                     GtkWindow  **out_window)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSList) files = g_slist_prepend (NULL, file);
  GdkFileList *list = gdk_file_list_new_from_list (files);
  GdkContentProvider *providers[] = {
    gdk_content_provider_new_typed (G_TYPE_STRING, path),
    gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, list),
  };
  g_autoptr(GdkContentProvider) content = gdk_content_provider_new_union (providers, as_file ? 2 : 1);
  g_autofree char *name = g_path_get_basename (path);
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkWidget *label = gtk_label_new (name);

  if (!as_file)
    g_object_unref (providers[1]);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  gtk_drag_source_set_content (drag, content);
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_size_request (label, 160, 80);
  *out_window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (*out_window, label);
  gtk_window_present (*out_window);
  wait_until (is_mapped, label);

  return label;
}

/* Drags from @source to @target with the pointer, a step at a time as a hand moves it */
static inline void
drag_to (GtkWidget *source,
         GtkWidget *target)
{
  pointer_to (source, -1, -1);
  spin (100);
  xdotool ("mousedown", "1", NULL);
  spin (100);
  for (guint i = 0; i < 4; i++)
    {
      xdotool ("mousemove_relative", "--", "10", "10", NULL);
      spin (100);
    }
  pointer_to (target, -1, -1);
  spin (200);
  for (guint i = 0; i < 10; i++)
    {
      xdotool ("mousemove_relative", "--", i % 2 ? "-2" : "2", "0", NULL);
      spin (200);
    }
  xdotool ("mouseup", "1", NULL);
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

/* The first descendant of @root (itself included) that @match accepts with @data */
static inline GtkWidget *
find_where (GtkWidget     *root,
            gboolean     (*match) (GtkWidget *widget, gconstpointer data),
            gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_where (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* For wait_until (): the label args[1] in args[0] (a menu's popover, a list), on screen */
static inline gboolean
label_shown (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, args[1]);

  return label != NULL && is_mapped (label);
}

static inline gboolean
popover_closed (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static inline gboolean
is_labelled_button (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static inline gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* For wait_until (): the keyboard is in a text field of the window args[0] that holds args[1] */
static inline gboolean
focus_holds_text (gpointer data)
{
  gpointer *args = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (args[0]));

  return focus != NULL && GTK_IS_EDITABLE (focus) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (focus)), args[1]) == 0;
}

static inline gboolean
has_focus_within (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return focus != NULL && (focus == data || gtk_widget_is_ancestor (focus, data));
}

/* Clicks into @row and replaces what it holds by typing @text */
static inline void
type_into (GtkWidget  *row,
           const char *text)
{
  click (row);
  wait_until (has_focus_within, row);
  press_keys ("ctrl+a");
  press_keys ("BackSpace");
  if (*text != '\0')
    type_text (text);
}
