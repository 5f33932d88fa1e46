/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithListAvatar: the initials of a name on a coloured disc, as AdwAvatar shows them, drawn by
 * one widget for the rows of a record list.
 *
 * AdwAvatar is a small tree of widgets (a gizmo, a label, an image) and sizes its initials by
 * laying them out in a label of their own, in a Pango context of their own, each time its text
 * changes. A list view in GTK 4.8 makes 200 rows at once and rebinds them as it scrolls: in
 * bench/gui that was two thirds of the cost of making a row and most of the cost of binding one
 * (bench/README.md, 2026-12-01 evening). This widget has the same CSS node ("avatar" with a
 * "colorN" class, so libadwaita's stylesheet colours it), a fixed size, so a new name never
 * resizes it nor anything around it, and lays its initials out only when it is drawn.
 *
 * A record whose initials say nothing (a property's, "1B" of "1B Elm Street") shows an icon
 * instead, in an image made the first time a row needs one, as AdwAvatar shows its icon.
 */

#define G_LOG_DOMAIN "KithListAvatar"

#include "config.h"

#include "kith-list-avatar.h"

/* As libadwaita's stylesheet has them: avatar.color1 … avatar.color14 */
#define N_COLORS 14

struct _KithListAvatar
{
  GtkWidget    parent_instance;

  int          size;
  char        *initials;
  guint        color;     /* 1 … N_COLORS, 0 for none yet */
  PangoLayout *layout;    /* of the initials, made when first drawn */
  GtkImage    *icon;      /* shown instead of the initials when visible */
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

static void
set_color (KithListAvatar *self,
           guint           color)
{
  char css_class[16];

  if (self->color == color)
    return;

  if (self->color != 0)
    {
      g_snprintf (css_class, sizeof css_class, "color%u", self->color);
      gtk_widget_remove_css_class (GTK_WIDGET (self), css_class);
    }
  self->color = color;
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
  pango_attr_list_insert (attributes, pango_attr_size_new_absolute (font_size * PANGO_SCALE));
  pango_layout_set_attributes (self->layout, attributes);
}

static void
kith_list_avatar_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  KithListAvatar *self = KITH_LIST_AVATAR (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int layout_width, layout_height;

  gtk_snapshot_render_background (snapshot, context, 0, 0, width, height);
  if (self->icon != NULL && gtk_widget_get_visible (GTK_WIDGET (self->icon)))
    {
      gtk_widget_snapshot_child (widget, GTK_WIDGET (self->icon), snapshot);
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
  gtk_snapshot_render_layout (snapshot, context, (width - layout_width) / 2.0, (height - layout_height) / 2.0,
                              self->layout);
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

  if (self->icon != NULL)
    gtk_widget_allocate (GTK_WIDGET (self->icon), width, height, baseline, NULL);
}

static void
kith_list_avatar_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  KithListAvatar *self = KITH_LIST_AVATAR (widget);

  GTK_WIDGET_CLASS (kith_list_avatar_parent_class)->css_changed (widget, change);

  /* Another font or text scale: laid out again when next drawn */
  g_clear_object (&self->layout);
}

static void
kith_list_avatar_dispose (GObject *object)
{
  KithListAvatar *self = KITH_LIST_AVATAR (object);

  if (self->icon != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->icon)));

  G_OBJECT_CLASS (kith_list_avatar_parent_class)->dispose (object);
}

static void
kith_list_avatar_finalize (GObject *object)
{
  KithListAvatar *self = KITH_LIST_AVATAR (object);

  g_free (self->initials);
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
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
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

  g_return_if_fail (KITH_IS_LIST_AVATAR (self));

  initials = initials_of (text);
  /* The colour follows the name, as AdwAvatar picks it */
  set_color (self, initials != NULL ? g_str_hash (text) % N_COLORS + 1 : N_COLORS);
  if (g_strcmp0 (initials, self->initials) == 0)
    return;

  g_free (self->initials);
  self->initials = g_steal_pointer (&initials);
  g_clear_object (&self->layout);
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

  if (self->icon == NULL && icon_name == NULL)
    return;
  if (self->icon == NULL)
    {
      self->icon = GTK_IMAGE (gtk_image_new ());
      /* As AdwAvatar sizes its icon */
      gtk_image_set_pixel_size (self->icon, self->size / 2);
      gtk_widget_set_parent (GTK_WIDGET (self->icon), GTK_WIDGET (self));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL);
  if (icon_name != NULL && g_strcmp0 (gtk_image_get_icon_name (self->icon), icon_name) != 0)
    gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
