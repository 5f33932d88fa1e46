/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithListAvatar: the initials of a name on a coloured disc, as AdwAvatar shows them, drawn by
 * one widget for the rows of a record list.
 *
 * AdwAvatar is a small tree of widgets (a gizmo, a label, an image) and sizes its initials by
 * laying them out in a label of their own, in a Pango context of their own, each time its text
 * changes. A list view in GTK 4.8 makes 200 rows at once and rebinds them as it scrolls: in
 * bench/gui that was two thirds of the cost of making a row and most of the cost of binding one
 * (bench/README.md, 2026-12-01 evening). This widget has the same CSS node ("avatar"), a fixed
 * size, so a new name never resizes it nor anything around it, and lays its initials out only
 * when it is drawn. Its disc is a texture drawn once per colour from the stylesheet's gradient,
 * and its initials take the colour the stylesheet gives that disc ("avatar.colorN"), read once
 * with it (see draw_disc ()): a new name changes no CSS class, so binding a row restyles
 * nothing (910 nodes restyled in the frame after a jump in bench/gui, when it did).
 *
 * A record with a picture shows it; one whose initials say nothing (a property's, "1B" of "1B
 * Elm Street") shows an icon instead. Either is an image made the first time a row needs one.
 * A picture is read, cropped to a square and scaled on a thread, once for all the rows that
 * show it as the list scrolls. An icon takes its colour from the avatar's "colorN" class, as in
 * AdwAvatar: only an avatar that shows an icon has one.
 */

#define G_LOG_DOMAIN "KithListAvatar"

#include "config.h"

#include <adwaita.h>

#include "kith-list-avatar.h"

/* As libadwaita's stylesheet has them: avatar.color1 … avatar.color14 */
#define N_COLORS 14

/* Pictures read so far, by path or URI, scaled for rows: a texture, or %NULL for one that
 * could not be read (not read again each time a row shows it) */
static GHashTable *pictures;

struct _KithListAvatar
{
  GtkWidget    parent_instance;

  int          size;
  char        *initials;
  guint        color;     /* 1 … N_COLORS, 0 for none yet */
  guint        color_class; /* the "colorN" class it has, 0 for none */
  PangoLayout *layout;    /* of the initials, made when first drawn */
  GtkImage    *image;     /* the picture or the icon, shown instead of the initials when visible */
  char        *icon_name;
  char        *picture;
  GdkTexture  *texture;   /* of the picture, once read */
  GCancellable *reading;  /* the picture */
};

G_DEFINE_FINAL_TYPE (KithListAvatar, kith_list_avatar, GTK_TYPE_WIDGET)

/* The first letter of the first and of the last word, upper case, as AdwAvatar takes them */
static char *
initials_of (const char *text)
{
  g_autofree char *upper = NULL;
  g_autofree char *normalized = NULL;
  GString *initials;
  const char *last_space;

  if (text == NULL)
    return NULL;

  upper = g_utf8_strup (text, -1);
  normalized = g_utf8_normalize (g_strstrip (upper), -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normalized == NULL || *normalized == '\0')
    return NULL;

  initials = g_string_new (NULL);
  g_string_append_unichar (initials, g_utf8_get_char (normalized));
  last_space = g_utf8_strrchr (normalized, -1, ' ');
  if (last_space != NULL && g_unichar_isalpha (g_utf8_get_char (g_utf8_next_char (last_space))))
    g_string_append_unichar (initials, g_utf8_get_char (g_utf8_next_char (last_space)));

  return g_string_free (initials, FALSE);
}

/* Gives the avatar the stylesheet's colour @color (1 … N_COLORS), or none (0) */
static void
set_color_class (KithListAvatar *self,
                 guint           color)
{
  char css_class[16];

  if (self->color_class == color)
    return;

  if (self->color_class != 0)
    {
      g_snprintf (css_class, sizeof css_class, "color%u", self->color_class);
      gtk_widget_remove_css_class (GTK_WIDGET (self), css_class);
    }
  self->color_class = color;
  if (color != 0)
    {
      g_snprintf (css_class, sizeof css_class, "color%u", color);
      gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
    }
}

/* Sizes the initials to the largest square inside the disc, less a padding that grows with
 * the size, as AdwAvatar does */
static void
fit_layout (KithListAvatar *self)
{
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
  double max_width = MAX (self->size / G_SQRT2 - MAX (self->size * 0.4 - 5, 0), 1);
  int width, height;
  double font_size;

  pango_layout_get_pixel_size (self->layout, &width, &height);
  if (width <= 0)
    return;

  font_size = CLAMP (height * max_width / width, 0, max_width);
  /* To the nearest half pixel: each size is a font Pango and FreeType load and render glyphs
   * in, and AdwAvatar's way gives nearly every pair of initials its own (fontconfig, FreeType
   * and HarfBuzz were a fifth of a frame after a jump to new names, bench/gui) */
  font_size = MAX ((int) (font_size * 2 + 0.5) / 2.0, 1);
  pango_attr_list_insert (attributes, pango_attr_size_new_absolute (font_size * PANGO_SCALE));
  pango_layout_set_attributes (self->layout, attributes);
}

/* The disc of a colour at a size and scale, drawn once. The stylesheet's background is a
 * gradient in a circle, which GTK 4.8's cairo renderer fills through a clip mask at each
 * frame: about 1 M instructions an avatar, drawn twice (by GTK, and again by this widget),
 * most of the frame after a jump in bench/gui. A texture is a copy. So a row's avatar has
 * libadwaita's "image" class, which takes the background away as AdwAvatar's does for a
 * picture, and draws the disc as a texture, drawn once for all from an avatar outside any
 * window with the colour's class only; the initials take that avatar's colour, read with it.
 * Keyed by what both depend on: colour, size, scale, the style (dark, high contrast). */
typedef struct {
  GdkTexture *texture;
  GdkRGBA     color;     /* of the initials or the icon on it */
} Disc;

static GHashTable *discs;
static GtkWidget *painter;

static void
disc_free (Disc *disc)
{
  g_object_unref (disc->texture);
  g_free (disc);
}

static char *
disc_key (KithListAvatar *self,
          int             scale)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  return g_strdup_printf ("%u:%d:%d:%d:%d", self->color, self->size, scale,
                          adw_style_manager_get_dark (style), adw_style_manager_get_high_contrast (style));
}

static Disc *
draw_disc (KithListAvatar *self,
           int             scale)
{
  Disc *disc = g_new0 (Disc, 1);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int side = self->size * scale;

  if (painter == NULL)
    painter = g_object_ref_sink (g_object_new (KITH_TYPE_LIST_AVATAR, NULL));
  set_color_class (KITH_LIST_AVATAR (painter), self->color);
  /* GTK 4.8's way to a widget's CSS colour (GtkStyleContext is deprecated from 4.10 on) */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (painter), &disc->color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_render_background (snapshot, gtk_widget_get_style_context (painter), 0, 0, self->size, self->size);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * side);
  disc->texture = gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, bytes,
                                          cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);

  return disc;
}

static const Disc *
get_disc (KithListAvatar *self,
          int             scale)
{
  g_autofree char *key = disc_key (self, scale);
  Disc *disc;

  if (discs == NULL)
    discs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) disc_free);
  disc = g_hash_table_lookup (discs, key);
  if (disc == NULL)
    {
      disc = draw_disc (self, scale);
      g_hash_table_insert (discs, g_steal_pointer (&key), disc);
    }

  return disc;
}

static void
kith_list_avatar_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  KithListAvatar *self = KITH_LIST_AVATAR (widget);
  const Disc *disc = get_disc (self, gtk_widget_get_scale_factor (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int layout_width, layout_height;

  gtk_snapshot_append_texture (snapshot, disc->texture, &GRAPHENE_RECT_INIT (0, 0, self->size, self->size));
  /* A picture or an icon, clipped to the disc (overflow hidden, see update_image ()) */
  if (self->image != NULL && gtk_widget_get_visible (GTK_WIDGET (self->image)))
    {
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->image), snapshot);
      return;
    }
  if (self->initials == NULL)
    return;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->initials);
      fit_layout (self);
    }
  pango_layout_get_pixel_size (self->layout, &layout_width, &layout_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - layout_width) / 2.0, (height - layout_height) / 2.0));
  gtk_snapshot_append_layout (snapshot, self->layout, &disc->color);
  gtk_snapshot_restore (snapshot);
}

static void
kith_list_avatar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = KITH_LIST_AVATAR (widget)->size;
}

static void
kith_list_avatar_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  KithListAvatar *self = KITH_LIST_AVATAR (widget);

  if (self->image != NULL)
    gtk_widget_allocate (GTK_WIDGET (self->image), width, height, baseline, NULL);
}

static void
kith_list_avatar_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  KithListAvatar *self = KITH_LIST_AVATAR (widget);

  GTK_WIDGET_CLASS (kith_list_avatar_parent_class)->css_changed (widget, change);

  /* Another font or text scale: laid out again when next drawn; another stylesheet (dark,
   * high contrast): the disc and the initials' colour drawn from its own */
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (widget);
}

static void
kith_list_avatar_dispose (GObject *object)
{
  KithListAvatar *self = KITH_LIST_AVATAR (object);

  g_cancellable_cancel (self->reading);
  if (self->image != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->image)));

  G_OBJECT_CLASS (kith_list_avatar_parent_class)->dispose (object);
}

static void
kith_list_avatar_finalize (GObject *object)
{
  KithListAvatar *self = KITH_LIST_AVATAR (object);

  g_free (self->initials);
  g_free (self->icon_name);
  g_free (self->picture);
  g_clear_object (&self->texture);
  g_clear_object (&self->reading);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (kith_list_avatar_parent_class)->finalize (object);
}

static void
kith_list_avatar_class_init (KithListAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_list_avatar_dispose;
  object_class->finalize = kith_list_avatar_finalize;
  widget_class->size_allocate = kith_list_avatar_size_allocate;
  widget_class->snapshot = kith_list_avatar_snapshot;
  widget_class->measure = kith_list_avatar_measure;
  widget_class->css_changed = kith_list_avatar_css_changed;

  gtk_widget_class_set_css_name (widget_class, "avatar");
  /* The row's name says who it is */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kith_list_avatar_init (KithListAvatar *self)
{
}

/**
 * kith_list_avatar_new:
 * @size: its width and height, in pixels
 */
GtkWidget *
kith_list_avatar_new (int size)
{
  KithListAvatar *self = g_object_new (KITH_TYPE_LIST_AVATAR, NULL);

  self->size = size;
  /* No background from the stylesheet: the disc is drawn as a texture (see draw_disc ()) */
  gtk_widget_add_css_class (GTK_WIDGET (self), "image");

  return GTK_WIDGET (self);
}

/**
 * kith_list_avatar_set_text:
 * @text: (nullable): the name whose initials to show; %NULL shows a grey disc
 *
 * Only redraws: the avatar's size never depends on its text.
 */
void
kith_list_avatar_set_text (KithListAvatar *self,
                           const char     *text)
{
  g_autofree char *initials = NULL;
  guint color;

  g_return_if_fail (KITH_IS_LIST_AVATAR (self));

  initials = initials_of (text);
  /* The colour follows the name, as AdwAvatar picks it */
  color = initials != NULL ? g_str_hash (text) % N_COLORS + 1 : N_COLORS;
  if (color == self->color && g_strcmp0 (initials, self->initials) == 0)
    return;

  self->color = color;
  /* An icon's colour, as AdwAvatar's: a class for those rows only (see update_image ()) */
  if (self->icon_name != NULL)
    set_color_class (self, color);
  g_free (self->initials);
  self->initials = g_steal_pointer (&initials);
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The picture once read, else the icon, else nothing: the initials show */
static void
update_image (KithListAvatar *self)
{
  gboolean shown = self->texture != NULL || self->icon_name != NULL;

  /* The icon takes the avatar's colour from the stylesheet, as in AdwAvatar; the initials take
   * it from the disc's cache, so that a row showing them changes no class as it is bound */
  set_color_class (self, self->icon_name != NULL ? self->color : 0);

  if (self->image == NULL && !shown)
    return;
  if (self->image == NULL)
    {
      self->image = GTK_IMAGE (gtk_image_new ());
      gtk_widget_set_parent (GTK_WIDGET (self->image), GTK_WIDGET (self));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->image), shown);
  /* The picture is clipped to the disc; the initials are drawn inside it and need no clip,
   * which GTK 4.8's cairo renderer applies through a mask at each frame */
  gtk_widget_set_overflow (GTK_WIDGET (self), shown ? GTK_OVERFLOW_HIDDEN : GTK_OVERFLOW_VISIBLE);
  if (self->texture != NULL)
    {
      gtk_image_set_pixel_size (self->image, self->size);
      gtk_image_set_from_paintable (self->image, GDK_PAINTABLE (self->texture));
    }
  else if (self->icon_name != NULL)
    {
      /* As AdwAvatar sizes its icon */
      gtk_image_set_pixel_size (self->image, self->size / 2);
      gtk_image_set_from_icon_name (self->image, self->icon_name);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * kith_list_avatar_set_icon_name:
 * @icon_name: (nullable): a symbolic icon to show instead of the initials, or %NULL for them
 */
void
kith_list_avatar_set_icon_name (KithListAvatar *self,
                                const char     *icon_name)
{
  g_return_if_fail (KITH_IS_LIST_AVATAR (self));

  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;

  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  update_image (self);
}

typedef struct {
  char *picture;
  int   size;
} Reading;

static void
reading_free (Reading *reading)
{
  g_free (reading->picture);
  g_free (reading);
}

static void
unref_texture (gpointer texture)
{
  if (texture != NULL)
    g_object_unref (texture);
}

/* The middle square of the picture, scaled to the size asked */
static void
read_picture (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Reading *reading = data;
  int size = reading->size;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (reading->picture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, &error);
  g_autoptr(GdkPixbuf) whole = NULL;
  g_autoptr(GdkPixbuf) square = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  int side;

  if (stream != NULL)
    whole = gdk_pixbuf_new_from_stream (G_INPUT_STREAM (stream), cancellable, &error);
  if (whole == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  side = MIN (gdk_pixbuf_get_width (whole), gdk_pixbuf_get_height (whole));
  square = gdk_pixbuf_new_subpixbuf (whole, (gdk_pixbuf_get_width (whole) - side) / 2,
                                     (gdk_pixbuf_get_height (whole) - side) / 2, side, side);
  scaled = gdk_pixbuf_scale_simple (square, size, size, GDK_INTERP_BILINEAR);
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (scaled), g_object_unref);
}

static void
on_picture_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KithListAvatar) self = user_data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), &error);
  const char *picture = ((Reading *) g_task_get_task_data (G_TASK (result)))->picture;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (pictures == NULL)
    pictures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_texture);
  /* A long-lived window may see many: start again rather than grow without end */
  if (g_hash_table_size (pictures) > 512)
    g_hash_table_remove_all (pictures);
  g_hash_table_replace (pictures, g_strdup (picture), texture);

  if (g_strcmp0 (picture, self->picture) == 0)
    {
      g_set_object (&self->texture, texture);
      update_image (self);
    }
}

/**
 * kith_list_avatar_set_picture:
 * @picture: (nullable): the path or URI of a picture to show, or %NULL for none
 */
void
kith_list_avatar_set_picture (KithListAvatar *self,
                              const char     *picture)
{
  GdkTexture *texture = NULL;
  Reading *reading;
  GTask *task;

  g_return_if_fail (KITH_IS_LIST_AVATAR (self));

  if (picture != NULL && *picture == '\0')
    picture = NULL;
  if (g_strcmp0 (self->picture, picture) == 0)
    return;

  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_free (self->picture);
  self->picture = g_strdup (picture);
  g_clear_object (&self->texture);

  if (picture != NULL && pictures != NULL && g_hash_table_lookup_extended (pictures, picture, NULL, (gpointer *) &texture))
    g_set_object (&self->texture, texture);
  else if (picture != NULL)
    {
      reading = g_new0 (Reading, 1);
      reading->picture = g_strdup (picture);
      /* Sharp on a screen of two pixels a point */
      reading->size = self->size * 2;
      self->reading = g_cancellable_new ();
      task = g_task_new (NULL, self->reading, on_picture_read_cb, g_object_ref (self));
      g_task_set_source_tag (task, kith_list_avatar_set_picture);
      g_task_set_task_data (task, reading, (GDestroyNotify) reading_free);
      g_task_run_in_thread (task, read_picture);
      g_object_unref (task);
    }

  update_image (self);
}
