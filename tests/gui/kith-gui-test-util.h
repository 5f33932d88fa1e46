/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the widget tests share: owning the main loop as the application does, the tests' own
 * store work on the store's worker, running the main loop until something a user would see
 * happens, real input, and saving what the window shows. */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "kith-core.h"
#include "kith-test-util.h"
#include "kith-window.h"

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

static inline gpointer
open_store_thread (gpointer data)
{
  return kith_test_store_new ();
}

/* A store in a fresh folder, in real time, opened off the main thread */
static inline KithTestStore *
gui_test_store_new (void)
{
  KithTestStore *t = g_thread_join (g_thread_new ("kith-test-open", open_store_thread, NULL));

  kith_store_set_clock (t->store, NULL, NULL);   /* the widgets live in real time */
  return t;
}

/* Runs @func on @store's worker, as the application runs its store work, and waits for it:
 * how a test writes what it starts from and reads what was stored (a store call of the test's
 * own on the main thread would abort, see own_main_context ()). @func must not fail. */
static inline gpointer
on_worker (KithStore        *store,
           KithStoreJobFunc  func,
           gpointer          data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gpointer ret;

  kith_store_run_async (store, func, data, NULL, NULL, NULL, kith_test_result_cb, &result);
  ret = kith_store_run_finish (store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return ret;
}

typedef struct {
  KithTestStore  *t;
  KithRecordKind  kind;
  const char     *what;
  const char     *json;
  gint64          id;
} Seed;

static inline gpointer
create_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Seed *seed = data;

  seed->id = kith_test_create (seed->t, seed->kind, seed->json);
  return NULL;
}

/* Creates a record from its JSON, on the worker; returns its id */
static inline gint64
seed_record (KithTestStore  *t,
             KithRecordKind  kind,
             const char     *json)
{
  Seed seed = { t, kind, NULL, json, 0 };

  on_worker (t->store, create_job, &seed);
  return seed.id;
}

static inline gpointer
add_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  Seed *seed = data;

  kith_test_add (seed->t, seed->what, seed->json);
  return NULL;
}

/* Adds a timeline item ("item") or a to-do ("todo") from its JSON, on the worker */
static inline void
seed_add (KithTestStore *t,
          const char    *what,
          const char    *json)
{
  Seed seed = { t, 0, what, json, 0 };

  on_worker (t->store, add_job, &seed);
}

static inline gpointer
dump_record_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  Seed *seed = data;

  return kith_test_dump_record (seed->t, seed->id);
}

/* kith_test_dump_record (), read on the worker */
static inline char *
dump_record (KithTestStore *t,
             gint64         id)
{
  Seed seed = { t, 0, NULL, NULL, id };

  return on_worker (t->store, dump_record_job, &seed);
}

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

static inline gpointer
lookup_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  gint64 *id = g_new (gint64, 1);

  *id = kith_store_lookup (store, data, NULL);
  return id;
}

/* The id of the record with the email address @email, read on the worker */
static inline gint64
lookup (KithStore  *store,
        const char *email)
{
  g_autofree gint64 *id = on_worker (store, lookup_job, (gpointer) email);

  return *id;
}

static inline gpointer
apply_preset_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  g_assert_true (kith_relationship_apply_preset (store, data, error));
  return NULL;
}

/* Applies the relationship preset @preset ("realestate", "business"), on the worker */
static inline void
apply_preset (KithStore  *store,
              const char *preset)
{
  on_worker (store, apply_preset_job, (gpointer) preset);
}

static inline gpointer
find_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  gpointer *args = data;

  return kith_store_find (store, GPOINTER_TO_INT (args[0]), args[1], KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT,
                          NULL, error);
}

/* The ids of the records of @kind that @query finds, by name, searched on the worker */
static inline GArray *
find_records (KithStore      *store,
              KithRecordKind  kind,
              const char     *query)
{
  gpointer args[] = { GINT_TO_POINTER (kind), (gpointer) query };

  return on_worker (store, find_job, args);
}

/* A long write, as an import's */
typedef struct {
  GMutex        mutex;
  GCond         cond;
  gboolean      holding;
  gboolean      released;
  GAsyncResult *result;
} Hold;

static inline gpointer
hold_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Hold *hold = data;

  g_mutex_lock (&hold->mutex);
  hold->holding = TRUE;
  g_cond_broadcast (&hold->cond);
  while (!hold->released)
    g_cond_wait (&hold->cond, &hold->mutex);
  g_mutex_unlock (&hold->mutex);
  return NULL;
}

static inline gboolean
holding (gpointer data)
{
  Hold *hold = data;
  gboolean ret;

  g_mutex_lock (&hold->mutex);
  ret = hold->holding;
  g_mutex_unlock (&hold->mutex);
  return ret;
}

/* Holds @store's worker, and its lock, until release_store (): a write the product queues meanwhile
 * waits */
static inline void
hold_store (KithStore *store,
            Hold      *hold)
{
  kith_store_run_async (store, hold_job, hold, NULL, NULL, NULL, kith_test_result_cb, &hold->result);
  wait_until (holding, hold);
}

static inline void
release_store (KithStore *store,
               Hold      *hold)
{
  g_mutex_lock (&hold->mutex);
  hold->released = TRUE;
  g_cond_broadcast (&hold->cond);
  g_mutex_unlock (&hold->mutex);
  kith_store_run_finish (store, kith_test_wait_result (&hold->result), NULL);
  g_clear_object (&hold->result);
}


/* The window's parts, found as a user finds them: by what they are and what they show */

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

static inline gboolean
is_list_of (GtkWidget     *widget,
            gconstpointer  data)
{
  KithRecordKind shows;

  if (!KITH_IS_LIST_PAGE (widget))
    return FALSE;
  g_object_get (widget, "kind", &shows, NULL);
  return shows == (KithRecordKind) GPOINTER_TO_INT (data);
}

/* The list of People, Companies or Deals in @window */
static inline KithListPage *
list_page (gpointer       window,
           KithRecordKind kind)
{
  GtkWidget *page = find_where (window, is_list_of, GINT_TO_POINTER (kind));

  g_assert_nonnull (page);
  return KITH_LIST_PAGE (page);
}

static inline KithProfilePage *
profile_page (gpointer window)
{
  return KITH_PROFILE_PAGE (find_widget (window, KITH_TYPE_PROFILE_PAGE, NULL));
}

static inline KithAgendaPage *
agenda_page (gpointer window)
{
  return KITH_AGENDA_PAGE (find_widget (window, KITH_TYPE_AGENDA_PAGE, NULL));
}

static inline KithInboxPage *
inbox_page (gpointer window)
{
  return KITH_INBOX_PAGE (find_widget (window, KITH_TYPE_INBOX_PAGE, NULL));
}

/* Goes to a page of @window (Alt+1 Agenda, Alt+2 People, Alt+3 Companies, Alt+4 Deals, Alt+5
 * Inbox) with its shortcut, as a user does, and waits until it shows */
static inline void
go_to_page (gpointer    window,
            const char *name)
{
  static const char *names[] = { "agenda", "people", "companies", "projects", "inbox" };
  static const char *keys[] = { "alt+1", "alt+2", "alt+3", "alt+4", "alt+5" };
  GtkWidget *pages[] = { GTK_WIDGET (agenda_page (window)), GTK_WIDGET (list_page (window, KITH_RECORD_PERSON)),
                         GTK_WIDGET (list_page (window, KITH_RECORD_COMPANY)),
                         GTK_WIDGET (list_page (window, KITH_RECORD_PROJECT)), GTK_WIDGET (inbox_page (window)) };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i], name))
      {
        focus_window (window);
        press_keys (keys[i]);
        wait_until (is_mapped, pages[i]);
        return;
      }
  g_assert_not_reached ();
}

/* The rows @page shows: its list view's model, none while the page was never shown */
static inline GListModel *
list_rows (KithListPage *page)
{
  GtkWidget *view = find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW, NULL);

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

static inline guint
rows_shown (KithListPage *page)
{
  GListModel *rows = list_rows (page);

  return rows != NULL ? g_list_model_get_n_items (rows) : 0;
}

/* For wait_until (): the list args[0] shows GPOINTER_TO_UINT (args[1]) rows */
static inline gboolean
list_has_n (gpointer data)
{
  gpointer *args = data;

  return gtk_widget_get_mapped (args[0]) && rows_shown (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* Waits until @page, on screen, shows @n rows */
static inline void
wait_for_count (KithListPage *page,
                guint         n)
{
  gpointer args[] = { page, GUINT_TO_POINTER (n) };

  wait_until (list_has_n, args);
}

/* The text in @page's search entry, as typed */
static inline GtkWidget *
search_entry (KithListPage *page)
{
  return find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
}

/* Searches @page for @query: a click in its search entry, and @query typed over what was there */
static inline void
search_for (KithListPage *page,
            const char   *query)
{
  GtkWidget *entry = search_entry (page);

  focus_window (entry);
  click (entry);
  press_keys ("ctrl+a");
  if (*query != '\0')
    type_text (query);
  else
    press_keys ("BackSpace");
}

/* The problem @page shows with its search, or %NULL */
static inline const char *
search_problem (KithListPage *page)
{
  GtkRevealer *revealer = GTK_REVEALER (find_widget (GTK_WIDGET (page), GTK_TYPE_REVEALER, NULL));

  if (revealer == NULL || !gtk_revealer_get_child_revealed (revealer))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_revealer_get_child (revealer)));
}

/* A menu button with the icon @data: the list's menu has "view-more-symbolic" */
static inline gboolean
is_menu_button_with (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), data) == 0;
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

/* Opens @page's menu with a click; returns its popover, once @item shows */
static inline GtkWidget *
open_list_menu (KithListPage *page,
                const char   *item)
{
  GtkWidget *button = find_where (GTK_WIDGET (page), is_menu_button_with, "view-more-symbolic");
  GtkWidget *popover;
  gpointer args[2];

  g_assert_nonnull (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  args[0] = popover;
  args[1] = (gpointer) item;
  click (button);
  wait_until (label_shown, args);

  return popover;
}

/* Picks @item from the open menu with the mouse, and waits for the menu to close */
static inline void
choose (GtkWidget  *popover,
        const char *item)
{
  click (find_widget (popover, GTK_TYPE_LABEL, item));
  wait_until (popover_closed, popover);
}

/* For wait_until (): the profile args[0] shows the record named args[1], or nobody for %NULL */
static inline gboolean
profile_shows (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);

  return (record == NULL) == (args[1] == NULL) &&
         (record == NULL || g_strcmp0 (kith_record_get_name (record), args[1]) == 0);
}

/* For wait_until (): the row of the list args[0] naming args[1] is all in sight */
static inline gboolean
row_in_view (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, args[1]);

  return label != NULL && gtk_widget_get_mapped (label) && in_view (label);
}

/* Clicks the row of @page naming @name, once it is in sight */
static inline void
click_row (KithListPage *page,
           const char   *name)
{
  gpointer args[] = { page, (gpointer) name };

  wait_until (row_in_view, args);
  wait_for_frames (GTK_WIDGET (page));
  click (find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, name));
}

/* Opens the record named @name as a user does: its list with the shortcut, a click on its row;
 * waits for its profile */
static inline void
open_from_list (gpointer        window,
                KithRecordKind  kind,
                const char     *name)
{
  static const char *pages[] = { "people", "companies", "projects" };
  gpointer shows[] = { profile_page (window), (gpointer) name };

  go_to_page (window, pages[kind]);
  click_row (list_page (window, kind), name);
  wait_until (profile_shows, shows);
}

static inline guint
count_file_rows (GtkWidget *root)
{
  guint n = ADW_IS_ACTION_ROW (root) && gtk_widget_get_visible (root) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), "Attaching files") != 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_file_rows (child);
  return n;
}

/* For wait_until (): the Files group args[0] shows GPOINTER_TO_UINT (args[1]) files */
static inline gboolean
files_listed (gpointer data)
{
  gpointer *args = data;

  return count_file_rows (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static inline GtkWidget *
file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_mapped (window))
        return window;
    }
  return NULL;
}

static inline gboolean
file_chooser_shown (gpointer data)
{
  return file_chooser () != NULL;
}

static inline gboolean
file_chooser_gone (gpointer data)
{
  return file_chooser () == NULL;
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

/* Attaches the file at @path to the record the Files group @group belongs to, as a user does
 * with the keyboard: a click on Attach Files…, the path typed into the file chooser, Enter */
static inline void
attach_file (GtkWidget  *group,
             const char *path)
{
  GtkWidget *button = find_where (group, has_tooltip, "Attach Files…");

  g_assert_nonnull (button);
  scroll_into_view (button);
  click (button);
  wait_until (file_chooser_shown, NULL);
  focus_window (file_chooser ());
  press_keys ("ctrl+l");
  type_text (path);
  {
    gpointer args[] = { file_chooser (), (gpointer) path };

    wait_until (focus_holds_text, args);
  }
  /* The chooser may still be looking the path up and let an Enter pass, as a user sees when
   * Enter does nothing; they press it again */
  for (guint tries = 0; file_chooser () != NULL && gtk_window_is_active (GTK_WINDOW (file_chooser ())); tries++)
    {
      g_assert_cmpuint (tries, <, 10);
      press_keys ("Return");
      holds_at_most (file_chooser_shown, NULL, 1000);
    }
  wait_until (file_chooser_gone, NULL);
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
