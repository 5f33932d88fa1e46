/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithListText: one line of text in a list row, ellipsized at its end — what GtkInscription is
 * for, made cheap to measure.
 *
 * GTK 4.8's list view makes 200 rows whatever the window's height and binds 200 again after a
 * jump, so each row's three small texts are measured 600 times at once. A GtkInscription
 * computes its font's metrics (pango_context_get_metrics(), which shapes a sample text) every
 * time it is measured, even when it asks for no width: that was a tenth of the main thread's
 * instructions up to the People list's first frame (bench/README.md, 2026-12-02). This widget
 * is measured from sizes laid out once per font and text for all rows: its height is one line
 * of its font, and its width that of its text when it fits its text (the end column) or none
 * (the line under the name, which takes the width the row gives it). Like a label and an
 * inscription its CSS node is "label", so the theme's classes (caption, dim-label, accent)
 * style it as before, and a screen reader reads its text as its name.
 */

#define G_LOG_DOMAIN "KithListText"

#include "config.h"

#include "kith-list-text.h"

struct _KithListText
{
  GtkWidget             parent_instance;

  char                 *text;
  float                 xalign;
  gboolean              fit_text;      /* asks for its text's width; else for none */
  PangoLayout          *layout;        /* made when first drawn */
  PangoFontDescription *font;          /* the font last measured in */
};

G_DEFINE_FINAL_TYPE (KithListText, kith_list_text, GTK_TYPE_WIDGET)

/* The sizes of texts laid out in @context's font: one table per font, all dropped when the
 * screen's resolution changes */
static GHashTable *
sizes_for_font (PangoContext *context)
{
  static GHashTable *fonts;
  static double resolution;
  const PangoFontDescription *font = pango_context_get_font_description (context);
  GHashTable *sizes;

  if (fonts == NULL)
    fonts = g_hash_table_new_full ((GHashFunc) pango_font_description_hash, (GEqualFunc) pango_font_description_equal,
                                   (GDestroyNotify) pango_font_description_free, (GDestroyNotify) g_hash_table_unref);
  if (resolution != pango_cairo_context_get_resolution (context))
    {
      g_hash_table_remove_all (fonts);
      resolution = pango_cairo_context_get_resolution (context);
    }

  if ((sizes = g_hash_table_lookup (fonts, font)) == NULL)
    {
      sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (fonts, pango_font_description_copy (font), sizes);
    }

  return sizes;
}

/* The size of @text laid out in @widget's font, rounded up (in less, the text is ellipsized).
 * Laid out once per font and text for all rows: the 200 rows of a list show a few stages and a
 * few dozen "3 days ago" between them, and "Xg" gives every row its line's height. */
static void
text_size (GtkWidget  *widget,
           const char *text,
           int        *width,
           int        *height)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  GHashTable *sizes = sizes_for_font (context);
  GtkRequisition *size;

  /* Subtitles in a long-lived window may add up: start again rather than grow without end */
  if (g_hash_table_size (sizes) > 4096)
    g_hash_table_remove_all (sizes);

  if ((size = g_hash_table_lookup (sizes, text)) == NULL)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);

      size = g_new (GtkRequisition, 1);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_size (layout, &size->width, &size->height);
      size->width = PANGO_PIXELS_CEIL (size->width);
      size->height = PANGO_PIXELS_CEIL (size->height);
      g_hash_table_insert (sizes, g_strdup (text), size);
    }

  if (width != NULL)
    *width = size->width;
  if (height != NULL)
    *height = size->height;
}

static void
kith_list_text_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  KithListText *self = KITH_LIST_TEXT (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    text_size (widget, "Xg", NULL, natural);
  else if (self->fit_text)
    text_size (widget, self->text, natural, NULL);
  else
    *natural = 0;

  *minimum = orientation == GTK_ORIENTATION_VERTICAL ? *natural : 0;
}

/* Its alignment within the width it is given, as GtkInscription sets it */
static PangoAlignment
alignment (KithListText *self)
{
  gboolean ltr = gtk_widget_get_direction (GTK_WIDGET (self)) != GTK_TEXT_DIR_RTL;

  if (self->xalign < 0.33)
    return ltr ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
  if (self->xalign < 0.67)
    return PANGO_ALIGN_CENTER;
  return ltr ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

static void
kith_list_text_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  KithListText *self = KITH_LIST_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;

  if (*self->text == '\0')
    return;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_set_alignment (self->layout, alignment (self));
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);

  /* GTK 4.8's way to a widget's CSS colour (GtkStyleContext is deprecated from 4.10 on) */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, MAX ((height - logical.height) / 2, 0)));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/* A new font (a class added, the text scaled) changes its size; a new colour only redraws */
static void
kith_list_text_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  KithListText *self = KITH_LIST_TEXT (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (kith_list_text_parent_class)->css_changed (widget, change);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && pango_font_description_equal (self->font, font))
    return;

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_copy (font);
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
kith_list_text_direction_changed (GtkWidget        *widget,
                                  GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (kith_list_text_parent_class)->direction_changed (widget, previous);
  gtk_widget_queue_draw (widget);
}

static void
kith_list_text_finalize (GObject *object)
{
  KithListText *self = KITH_LIST_TEXT (object);

  g_free (self->text);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (kith_list_text_parent_class)->finalize (object);
}

static void
kith_list_text_class_init (KithListTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kith_list_text_finalize;
  widget_class->measure = kith_list_text_measure;
  widget_class->snapshot = kith_list_text_snapshot;
  widget_class->css_changed = kith_list_text_css_changed;
  widget_class->direction_changed = kith_list_text_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
kith_list_text_init (KithListText *self)
{
  self->text = g_strdup ("");
}

/**
 * kith_list_text_new:
 * @xalign: where the text sits in a wider space: 0 at the start, 1 at the end
 * @fit_text: whether it asks for its text's width, or for none and takes what it is given
 */
GtkWidget *
kith_list_text_new (float    xalign,
                    gboolean fit_text)
{
  KithListText *self = g_object_new (KITH_TYPE_LIST_TEXT, NULL);

  self->xalign = CLAMP (xalign, 0, 1);
  self->fit_text = fit_text;

  return GTK_WIDGET (self);
}

const char *
kith_list_text_get_text (KithListText *self)
{
  g_return_val_if_fail (KITH_IS_LIST_TEXT (self), NULL);

  return self->text;
}

/**
 * kith_list_text_measure_line:
 * @widget: the widget whose font to lay @text out in
 * @text: one line of text
 * @width: (out) (optional): its width, rounded up
 * @height: (out) (optional): its height, rounded up
 *
 * The size of @text as one line of @widget's font, laid out once per font and text for all
 * the rows of the lists, as a KithListText measures itself.
 */
void
kith_list_text_measure_line (GtkWidget  *widget,
                             const char *text,
                             int        *width,
                             int        *height)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  text_size (widget, text, width, height);
}

/* A new text redraws; only a text that fits its text measures again */
void
kith_list_text_set_text (KithListText *self,
                         const char   *text)
{
  g_return_if_fail (KITH_IS_LIST_TEXT (self));

  if (text == NULL)
    text = "";
  if (g_str_equal (self->text, text))
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  if (self->fit_text)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}
