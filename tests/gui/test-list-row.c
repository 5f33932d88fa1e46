/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A row of the People list in a window of its own, under Xvfb: it shows the whole stage and
 * the avatar libadwaita would draw for the name, and a new headline only redraws it. GTK 4.8's
 * list view binds 200 such rows at once; a row that measured itself again for each new text
 * made the list, and with it the whole window, lay out again (bench/README.md).
 */

#include <adwaita.h>

#include "kith-list-row.h"
#include "kith-list-text.h"
#include "kith-record-item.h"
#include "kith-gui-test-util.h"

typedef struct {
  GtkWindow      *window;
  KithRecordItem *item;
  guint           layouts;   /* the frame clock's layout phases */
  guint           paints;
  guint           paints_before;
} Fixture;

static void
fill (KithRecordItem *item,
      const char     *headline,
      const char     *stage)
{
  KithRecordRow row = {
    .id = 1, .kind = KITH_RECORD_PERSON, .name = (char *) "Ada Lovelace",
    .headline = (char *) headline, .company = (char *) "Analytical Engines",
  };

  kith_record_item_set_row (item, &row, stage, NULL, NULL);
}

static void
on_layout_cb (GdkFrameClock *clock,
              Fixture       *f)
{
  f->layouts++;
}

static void
on_paint_cb (GdkFrameClock *clock,
             Fixture       *f)
{
  f->paints++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *row = kith_list_row_new ();
  GdkFrameClock *clock;

  f->item = kith_record_item_new (1);
  fill (f->item, "Mathematician", "Inactive / Closed");
  kith_list_row_set_item (KITH_LIST_ROW (row), f->item);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 420, -1);
  gtk_window_set_child (f->window, row);
  gtk_window_present (f->window);
  wait_until (is_mapped, row);
  wait_for_frames (row);

  clock = gtk_widget_get_frame_clock (row);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), f);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_paint_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));

  g_signal_handlers_disconnect_by_data (clock, f);
  gtk_window_destroy (f->window);
  g_clear_object (&f->item);
}

typedef gboolean (*Match) (GtkWidget *widget, const char *text);

/* The first widget under @root that @match takes */
static GtkWidget *
find_under (GtkWidget  *root,
            Match       match,
            const char *text)
{
  if (match (root, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_under (child, match, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A label or a list row's text showing @text */
static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  return (KITH_IS_LIST_TEXT (widget) && g_strcmp0 (kith_list_text_get_text (KITH_LIST_TEXT (widget)), text) == 0) ||
         (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0);
}

/* Drawn as libadwaita's avatar disc is */
static gboolean
is_disc (GtkWidget  *widget,
         const char *unused)
{
  return g_str_equal (gtk_widget_get_css_name (widget), "avatar");
}

static GtkWidget *
find_text (GtkWidget  *root,
           const char *text)
{
  return find_under (root, shows, text);
}

/* The stage is given all the width its text takes, whatever its length */
static void
test_whole_stage (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *stage = find_text (GTK_WIDGET (f->window), "Inactive / Closed");
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  g_assert_nonnull (stage);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "Ada Lovelace"));
  layout = gtk_widget_create_pango_layout (stage, "Inactive / Closed");
  pango_layout_get_pixel_size (layout, &width, NULL);
  g_assert_cmpint (gtk_widget_get_width (stage), >=, width);

  /* A shorter stage, then a longer one again: the column follows */
  fill (f->item, "Mathematician", "Hot");
  wait_for_frames (GTK_WIDGET (f->window));
  fill (f->item, "Mathematician", "Inactive / Closed");
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_cmpint (gtk_widget_get_width (stage), >=, width);
}

typedef struct {
  GtkWidget *stage;
  int        width;
} Fits;

static gboolean
stage_fits (gpointer data)
{
  Fits *fits = data;

  return gtk_widget_get_width (fits->stage) >= fits->width;
}

/* A stage whose font grows (a larger text size, another style) is given the width it takes
 * in that font: its width follows its style as well as its text */
static void
test_stage_follows_font (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *stage = find_text (GTK_WIDGET (f->window), "Inactive / Closed");
  Fits fits = { stage, 0 };
  g_autoptr(PangoLayout) layout = NULL;

  g_assert_nonnull (stage);
  gtk_widget_add_css_class (stage, "title-1");
  wait_for_frames (GTK_WIDGET (f->window));

  layout = gtk_widget_create_pango_layout (stage, "Inactive / Closed");
  pango_layout_get_pixel_size (layout, &fits.width, NULL);
  wait_until (stage_fits, &fits);
  g_assert_cmpint (gtk_widget_get_width (stage), >=, fits.width);
}

/* How many nodes of @type are under @node, through the kinds of node a widget's drawing has */
static guint
count_nodes (GskRenderNode     *node,
             GskRenderNodeType  type)
{
  guint n = gsk_render_node_get_node_type (node) == type;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_nodes (gsk_container_node_get_child (node, i), type);
      break;
    case GSK_CLIP_NODE:
      n += count_nodes (gsk_clip_node_get_child (node), type);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      n += count_nodes (gsk_rounded_clip_node_get_child (node), type);
      break;
    case GSK_TRANSFORM_NODE:
      n += count_nodes (gsk_transform_node_get_child (node), type);
      break;
    case GSK_OPACITY_NODE:
      n += count_nodes (gsk_opacity_node_get_child (node), type);
      break;
    case GSK_DEBUG_NODE:
      n += count_nodes (gsk_debug_node_get_child (node), type);
      break;
    default:
      break;
    }

  return n;
}

/* What @widget draws, as the window draws it */
static GskRenderNode *
draw (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

/* @node's pixels, 36 × 36 */
static cairo_surface_t *
pixels (GskRenderNode *node)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 36, 36);
  cairo_t *cr = cairo_create (surface);

  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
assert_same_pixel (cairo_surface_t *ours,
                   cairo_surface_t *theirs,
                   int              x,
                   int              y)
{
  guint32 a = *(guint32 *) (cairo_image_surface_get_data (ours) + y * cairo_image_surface_get_stride (ours) + x * 4);
  guint32 b = *(guint32 *) (cairo_image_surface_get_data (theirs) + y * cairo_image_surface_get_stride (theirs) + x * 4);

  for (int shift = 0; shift < 32; shift += 8)
    g_assert_cmpint (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)), <=, 2);
}

/* The first node of @type under @node, through the kinds of node a widget's drawing has */
static GskRenderNode *
find_node (GskRenderNode     *node,
           GskRenderNodeType  type)
{
  GskRenderNode *found = NULL;

  if (gsk_render_node_get_node_type (node) == type)
    return node;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; found == NULL && i < gsk_container_node_get_n_children (node); i++)
        found = find_node (gsk_container_node_get_child (node, i), type);
      break;
    case GSK_CLIP_NODE:
      found = find_node (gsk_clip_node_get_child (node), type);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      found = find_node (gsk_rounded_clip_node_get_child (node), type);
      break;
    case GSK_TRANSFORM_NODE:
      found = find_node (gsk_transform_node_get_child (node), type);
      break;
    case GSK_OPACITY_NODE:
      found = find_node (gsk_opacity_node_get_child (node), type);
      break;
    case GSK_DEBUG_NODE:
      found = find_node (gsk_debug_node_get_child (node), type);
      break;
    default:
      break;
    }

  return found;
}

static void
show_name (KithRecordItem *item,
           const char     *name)
{
  KithRecordRow row = {
    .id = 1, .kind = KITH_RECORD_PERSON, .name = (char *) name,
    .headline = (char *) "Mathematician", .company = (char *) "Analytical Engines",
  };

  kith_record_item_set_row (item, &row, "Inactive / Closed", NULL, NULL);
}

/* The colour AdwAvatar gives @name's initials */
static GdkRGBA
their_colour (const char *name)
{
  GtkWidget *avatar = g_object_ref_sink (adw_avatar_new (36, name, TRUE));
  GdkRGBA colour;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (find_widget (avatar, GTK_TYPE_LABEL, NULL)), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_object_unref (avatar);
  return colour;
}

/* The initials have the colour AdwAvatar gives the same name, in the light style and the dark,
 * for names of several colours; and a new name changes none of the avatar's CSS classes, which
 * made GTK restyle every row bound after a jump (bench/gui) */
static void
test_avatar_colour (Fixture       *f,
                    gconstpointer  data)
{
  static const char *names[] = { "Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Émilie du Châtelet" };
  static const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *ours = find_under (GTK_WIDGET (f->window), is_disc, NULL);
  g_auto(GStrv) classes = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_nonnull (ours);
  classes = gtk_widget_get_css_classes (ours);
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (style, schemes[s]);
      wait_for_frames (GTK_WIDGET (f->window));
      g_assert_cmpint (adw_style_manager_get_dark (style), ==, schemes[s] == ADW_COLOR_SCHEME_FORCE_DARK);

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_auto(GStrv) now = NULL;
          g_autoptr(GskRenderNode) node = NULL;
          GdkRGBA theirs = their_colour (names[i]);
          GskRenderNode *initials;

          show_name (f->item, names[i]);
          wait_for_frames (GTK_WIDGET (f->window));
          node = draw (ours);
          initials = find_node (node, GSK_TEXT_NODE);
          g_assert_nonnull (initials);
          g_assert_true (gdk_rgba_equal (gsk_text_node_get_color (initials), &theirs));
          g_hash_table_add (colours, gdk_rgba_to_string (&theirs));

          now = gtk_widget_get_css_classes (ours);
          g_assert_true (g_strv_equal ((const char * const *) now, (const char * const *) classes));
        }
    }
  /* The names cover more than one colour */
  g_assert_cmpuint (g_hash_table_size (colours), >, 1);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The disc is a texture drawn once for its colour: GTK 4.8's cairo renderer filled the
 * stylesheet's gradient through a circular clip at each frame, and twice (GTK drew the
 * background, and the avatar drew it again), most of the frame after a jump in bench/gui.
 * It looks as AdwAvatar's disc does. */
static void
test_avatar_disc_drawn_once (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *ours = find_under (GTK_WIDGET (f->window), is_disc, NULL);
  GtkWidget *avatar = adw_avatar_new (36, "Ada Lovelace", TRUE);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *theirs = find_under (avatar, is_disc, NULL);
  g_autoptr(GskRenderNode) our_node = NULL;
  g_autoptr(GskRenderNode) their_node = NULL;
  cairo_surface_t *our_pixels, *their_pixels;

  gtk_window_set_child (window, avatar);
  gtk_window_present (window);
  wait_until (is_mapped, avatar);
  wait_for_frames (avatar);

  our_node = draw (ours);
  g_assert_cmpuint (count_nodes (our_node, GSK_LINEAR_GRADIENT_NODE), ==, 0);
  g_assert_cmpuint (count_nodes (our_node, GSK_TEXTURE_NODE), ==, 1);

  /* Away from the initials, which each lays out its own way: the disc's top, sides and bottom,
   * and the corner outside it */
  their_node = draw (theirs);
  our_pixels = pixels (our_node);
  their_pixels = pixels (their_node);
  assert_same_pixel (our_pixels, their_pixels, 18, 2);
  assert_same_pixel (our_pixels, their_pixels, 2, 18);
  assert_same_pixel (our_pixels, their_pixels, 33, 18);
  assert_same_pixel (our_pixels, their_pixels, 18, 33);
  assert_same_pixel (our_pixels, their_pixels, 0, 0);
  cairo_surface_destroy (our_pixels);
  cairo_surface_destroy (their_pixels);
  gtk_window_destroy (window);
}

static gboolean
is_lock (GtkWidget  *widget,
         const char *unused)
{
  return GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Private") == 0;
}

typedef struct {
  GtkWidget *name;
  GtkWidget *lock;
  int        text_width;
} NameAndLock;

/* The lock sits just after the name's text (6 px), wherever that ends */
static gboolean
lock_after_name (gpointer data)
{
  NameAndLock *n = data;
  graphene_rect_t name, lock;

  if (!gtk_widget_get_mapped (n->lock) || !gtk_widget_compute_bounds (n->name, n->name, &name) ||
      !gtk_widget_compute_bounds (n->lock, n->name, &lock))
    return FALSE;
  return gtk_widget_get_width (n->name) == n->text_width && ABS (lock.origin.x - (n->text_width + 6)) < 1;
}

/* A private record's name is as wide as its text, with the lock right after it; a name too long
 * for the row is ellipsized before the stage, the lock still in sight before it */
static void
test_name_and_lock (Fixture       *f,
                    gconstpointer  data)
{
  KithRecordRow row = {
    .id = 1, .kind = KITH_RECORD_PERSON, .name = (char *) "Ada Lovelace", .private = TRUE,
    .headline = (char *) "Mathematician", .company = (char *) "Analytical Engines",
  };
  NameAndLock n = { find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "Ada Lovelace"), NULL, 0 };
  g_autoptr(PangoLayout) layout = NULL;
  GtkWidget *stage = find_text (GTK_WIDGET (f->window), "Inactive / Closed");
  graphene_rect_t lock, stage_bounds;

  g_assert_nonnull (n.name);
  kith_record_item_set_row (f->item, &row, "Inactive / Closed", NULL, NULL);
  n.lock = find_under (GTK_WIDGET (f->window), is_lock, NULL);
  g_assert_nonnull (n.lock);
  layout = gtk_widget_create_pango_layout (n.name, "Ada Lovelace");
  pango_layout_get_pixel_size (layout, &n.text_width, NULL);
  wait_until (lock_after_name, &n);

  row.name = (char *) "Ada Augusta King, Countess of Lovelace, née Byron, of Horsley Towers";
  kith_record_item_set_row (f->item, &row, "Inactive / Closed", NULL, NULL);
  wait_for_frames (GTK_WIDGET (f->window));
  g_assert_true (gtk_label_get_ellipsize (GTK_LABEL (n.name)) == PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, row.name, -1);
  pango_layout_get_pixel_size (layout, &n.text_width, NULL);
  g_assert_cmpint (gtk_widget_get_width (n.name), <, n.text_width);
  g_assert_true (gtk_widget_get_mapped (n.lock));
  g_assert_true (gtk_widget_compute_bounds (n.lock, GTK_WIDGET (f->window), &lock));
  g_assert_true (gtk_widget_compute_bounds (stage, GTK_WIDGET (f->window), &stage_bounds));
  g_assert_cmpfloat (lock.origin.x + lock.size.width, <=, stage_bounds.origin.x);
}

static gboolean
painted (gpointer data)
{
  Fixture *f = data;

  return f->paints > f->paints_before;
}

/* A new headline is drawn without laying the window out again */
static void
test_new_headline_only_redraws (Fixture       *f,
                                gconstpointer  data)
{
  guint layouts = f->layouts;

  f->paints_before = f->paints;
  fill (f->item, "Mathematician and writer", "Inactive / Closed");
  g_assert_nonnull (find_text (GTK_WIDGET (f->window), "Mathematician and writer, Analytical Engines"));
  wait_until (painted, f);

  g_assert_cmpuint (f->layouts, ==, layouts);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/list-row/whole-stage", Fixture, NULL, fixture_set_up, test_whole_stage, fixture_tear_down);
  g_test_add ("/list-row/avatar-colour", Fixture, NULL, fixture_set_up, test_avatar_colour, fixture_tear_down);
  g_test_add ("/list-row/avatar-disc-drawn-once", Fixture, NULL, fixture_set_up, test_avatar_disc_drawn_once,
              fixture_tear_down);
  g_test_add ("/list-row/stage-follows-font", Fixture, NULL, fixture_set_up, test_stage_follows_font, fixture_tear_down);
  g_test_add ("/list-row/name-and-lock", Fixture, NULL, fixture_set_up, test_name_and_lock, fixture_tear_down);
  g_test_add ("/list-row/new-headline-only-redraws", Fixture, NULL, fixture_set_up, test_new_headline_only_redraws,
              fixture_tear_down);

  return g_test_run ();
}
