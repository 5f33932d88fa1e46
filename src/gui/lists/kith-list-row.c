/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithListRow: one row of a record list — an optional group heading, then avatar (the record's
 * picture, or a house for a deal, whose initials would say nothing), name (with a lock when the
 * record is private), headline or company, stage and last contact.
 *
 * Built in code rather than from a template, and following its item through one notify
 * handler rather than a binding per property: a list view makes a few hundred of these when
 * it opens, and parsing a template and evaluating expression bindings for each was most of the
 * cost of the window's first frame (bench/gui, bench/README.md). The project's rule is a
 * template per widget; this row is the measured exception.
 *
 * GTK 4.8's list view makes 200 rows whatever the window's height, and binds 200 again after
 * a jump. So the texts under and beside the name are KithListTexts (GtkInscription's way, at a
 * fraction of its cost to measure: kith-list-text.c), which take the space they are given: a
 * new text only redraws, where a label measured itself again (and made the list measure the row
 * again); only the end column's width follows its text. And the row places its few children
 * itself, where a grid measured each cell in several passes. Together that was most of the
 * frame after a jump (bench/README.md, 2026-12-01 evening). The name stays a label, what screen
 * readers read a row by and the tests find a record by; but the row asks for no width for it
 * beyond an ellipsis (row_width ()), and the label itself is measured only for its height.
 */

#define G_LOG_DOMAIN "KithListRow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kith-list-avatar.h"
#include "kith-list-row.h"
#include "kith-list-text.h"

#define AVATAR_SIZE   36
#define AVATAR_MARGIN 6
#define SPACING       12
#define LOCK_SIZE     16
#define LOCK_SPACING  6

/* The children's heights as last measured, which placing them uses */
typedef struct {
  int header;
  int name;
  int subtitle;
  int stage;
  int last_contact;
} Heights;

struct _KithListRow
{
  GtkWidget       parent_instance;

  GtkLabel       *header;
  KithListAvatar *avatar;
  GtkLabel       *name;
  GtkWidget      *lock;        /* made the first time a row shows a private record */
  KithListText   *subtitle;
  KithListText   *stage;
  KithListText   *last_contact;

  int             end_width;   /* of the stage and last contact, as last measured */
  Heights         heights;

  KithRecordItem *item;
  gulong          notify_id;
};

G_DEFINE_FINAL_TYPE (KithListRow, kith_list_row, GTK_TYPE_WIDGET)

static KithListText *
new_text (KithListRow *self,
          float        xalign,
          gboolean     fit_text,
          const char  *class1,
          const char  *class2)
{
  GtkWidget *text = kith_list_text_new (xalign, fit_text);

  gtk_widget_add_css_class (text, class1);
  gtk_widget_add_css_class (text, class2);
  gtk_widget_set_parent (text, GTK_WIDGET (self));

  return KITH_LIST_TEXT (text);
}

/* Sizes */

static int
measure_one (gpointer        child,
             GtkOrientation  orientation,
             gboolean        natural)
{
  int minimum = 0, nat = 0;

  if (child == NULL || !gtk_widget_should_layout (child))
    return 0;

  gtk_widget_measure (child, orientation, -1, &minimum, &nat, NULL, NULL);

  return natural ? nat : minimum;
}

static void
measure_heights (KithListRow *self)
{
  self->heights = (Heights) {
    .header = measure_one (self->header, GTK_ORIENTATION_VERTICAL, TRUE),
    .name = measure_one (self->name, GTK_ORIENTATION_VERTICAL, TRUE),
    .subtitle = measure_one (self->subtitle, GTK_ORIENTATION_VERTICAL, TRUE),
    .stage = measure_one (self->stage, GTK_ORIENTATION_VERTICAL, TRUE),
    .last_contact = measure_one (self->last_contact, GTK_ORIENTATION_VERTICAL, TRUE),
  };
}

/* The heights of the line of the name and stage and of the line under it, sharing what the
 * avatar needs beyond them as a grid shares a cell spanning two rows */
static void
line_heights (KithListRow *self,
              int          body,
              int         *first,
              int         *second)
{
  int extra;

  *first = MAX (self->heights.name, self->heights.stage);
  *second = MAX (self->heights.subtitle, self->heights.last_contact);
  extra = MAX (body - *first - *second, 0);
  *first += extra / 2;
  *second += extra - extra / 2;
}

/* The name's width as one line of its font, from the sizes KithListText lays out once per font
 * and text for all rows: placing the lock after a private record's name */
static int
name_width (KithListRow *self)
{
  int width = 0;

  kith_list_text_measure_line (GTK_WIDGET (self->name), gtk_label_get_text (self->name), &width, NULL);
  return width;
}

/* The least width the row can show itself in: the avatar, an ellipsis for the name (a label
 * that ellipsizes asks no more), the texts under it none, and the end column its texts.
 *
 * The row asks for no more as its natural width. The list's scrolled window has no horizontal
 * scrollbar and does not take its child's natural width, so only the minimum places anything;
 * the natural width of 200 rows, each its name laid out, was work no one read (bench/gui's
 * frame after a jump binds 200 rows). The label itself is measured for its height only, which
 * GTK needs before it is placed. */
static int
row_width (KithListRow *self)
{
  int ellipsis = 0;

  kith_list_text_measure_line (GTK_WIDGET (self->name), "…", &ellipsis, NULL);
  return MAX (AVATAR_SIZE + SPACING + ellipsis + SPACING + self->end_width,
              measure_one (self->header, GTK_ORIENTATION_HORIZONTAL, FALSE));
}

static void
kith_list_row_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  KithListRow *self = KITH_LIST_ROW (widget);
  int first, second;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      self->end_width = MAX (measure_one (self->stage, GTK_ORIENTATION_HORIZONTAL, TRUE),
                             measure_one (self->last_contact, GTK_ORIENTATION_HORIZONTAL, TRUE));
      *minimum = *natural = row_width (self);
      return;
    }

  measure_heights (self);
  line_heights (self, AVATAR_SIZE + 2 * AVATAR_MARGIN, &first, &second);
  *minimum = *natural = self->heights.header + first + second;
}

/* Places @child at @y, @x from the start of a row @width wide */
static void
place (gpointer child,
       int      width,
       int      x,
       int      y,
       int      child_width,
       int      child_height)
{
  GtkAllocation allocation = { x, y, MAX (child_width, 0), child_height };

  if (gtk_widget_get_direction (child) == GTK_TEXT_DIR_RTL)
    allocation.x = width - x - allocation.width;

  gtk_widget_size_allocate (child, &allocation, -1);
}

/* The name, and the lock right after it when it shows: the name gives up the lock's room */
static void
place_name (KithListRow *self,
            int          width,
            int          x,
            int          y,
            int          width_left)
{
  int shown;

  if (self->lock == NULL || !gtk_widget_get_visible (self->lock))
    {
      place (self->name, width, x, y, width_left, self->heights.name);
      return;
    }

  shown = MIN (name_width (self), width_left - LOCK_SIZE - LOCK_SPACING);
  place (self->name, width, x, y, shown, self->heights.name);
  place (self->lock, width, x + shown + LOCK_SPACING, y + (self->heights.name - LOCK_SIZE) / 2, LOCK_SIZE, LOCK_SIZE);
}

static void
kith_list_row_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  KithListRow *self = KITH_LIST_ROW (widget);
  int top = self->heights.header;
  int end = self->end_width;
  int text_x = AVATAR_SIZE + SPACING;
  int text_width = width - text_x - SPACING - end;
  int first, second, middle;

  if (top > 0)
    place (self->header, width, 0, 0, width, top);

  /* The name and stage end at the middle of the row, the lines under them start there */
  line_heights (self, height - top, &first, &second);
  middle = top + first;
  place (self->avatar, width, 0, top + (height - top - AVATAR_SIZE) / 2, AVATAR_SIZE, AVATAR_SIZE);
  place_name (self, width, text_x, middle - self->heights.name, text_width);
  place (self->subtitle, width, text_x, middle, text_width, self->heights.subtitle);
  place (self->stage, width, width - end, middle - self->heights.stage, end, self->heights.stage);
  place (self->last_contact, width, width - end, middle, end, self->heights.last_contact);
}

static void
kith_list_row_dispose (GObject *object)
{
  KithListRow *self = KITH_LIST_ROW (object);
  GtkWidget *child;

  kith_list_row_set_item (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kith_list_row_parent_class)->dispose (object);
}

static void
kith_list_row_class_init (KithListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_list_row_dispose;
  widget_class->measure = kith_list_row_measure;
  widget_class->size_allocate = kith_list_row_size_allocate;
}

/* No container, and the group heading made only where a row has one: every widget a row saves
 * is 200 widgets built, styled and measured less before the first frame (bench/gui) */
static void
kith_list_row_init (KithListRow *self)
{
  self->avatar = KITH_LIST_AVATAR (kith_list_avatar_new (AVATAR_SIZE));
  gtk_widget_set_parent (GTK_WIDGET (self->avatar), GTK_WIDGET (self));

  /* A label, as a screen reader and the tests find the record by it */
  self->name = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name, 0);
  gtk_label_set_ellipsize (self->name, PANGO_ELLIPSIZE_END);
  gtk_widget_set_parent (GTK_WIDGET (self->name), GTK_WIDGET (self));
  self->subtitle = new_text (self, 0, FALSE, "dim-label", "caption");
  self->stage = new_text (self, 1, TRUE, "caption-heading", "accent");
  self->last_contact = new_text (self, 1, TRUE, "dim-label", "caption");
}

GtkWidget *
kith_list_row_new (void)
{
  return g_object_new (KITH_TYPE_LIST_ROW, NULL);
}

/* The heading above the first row of a group, made the first time this row needs one */
static void
show_header (KithListRow *self)
{
  const char *header = kith_record_item_get_group_header (self->item);
  gboolean shown = header != NULL && *header != '\0';

  if (self->header == NULL && !shown)
    return;
  if (self->header == NULL)
    {
      self->header = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->header, 0);
      gtk_widget_add_css_class (GTK_WIDGET (self->header), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (self->header), "dim-label");
      gtk_widget_set_margin_top (GTK_WIDGET (self->header), 12);
      gtk_widget_set_margin_bottom (GTK_WIDGET (self->header), 4);
      gtk_widget_set_parent (GTK_WIDGET (self->header), GTK_WIDGET (self));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->header), shown);
  gtk_label_set_text (self->header, shown ? header : "");
}

/* The lock beside a private record's name, made the first time this row needs one */
static void
show_lock (KithListRow *self)
{
  gboolean shown = kith_record_item_get_private (self->item);

  if (self->lock == NULL && !shown)
    return;
  if (self->lock == NULL)
    {
      self->lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
      gtk_widget_set_tooltip_text (self->lock, _("Private"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->lock), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Private"), -1);
      gtk_widget_add_css_class (self->lock, "dim-label");
      gtk_widget_insert_after (self->lock, GTK_WIDGET (self), GTK_WIDGET (self->name));
    }

  gtk_widget_set_visible (self->lock, shown);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
show_name (KithListRow *self)
{
  const char *name = kith_record_item_get_name (self->item);

  kith_list_avatar_set_text (self->avatar, name);
  kith_list_avatar_set_icon_name (self->avatar,
                                  kith_record_item_get_kind (self->item) == KITH_RECORD_PROJECT ? "go-home-symbolic" : NULL);
  gtk_label_set_text (self->name, name != NULL ? name : "");
  /* GTK 4.8 names no widget after the text it holds: a screen reader would hear a blank row */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name != NULL ? name : "", -1);
}

/* What changed, and only that: a page arriving notifies every property of 64 items at once */
static void
on_item_notify_cb (KithRecordItem *item,
                   GParamSpec     *pspec,
                   KithListRow    *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "name") || g_str_equal (name, "kind"))
    show_name (self);
  else if (g_str_equal (name, "picture"))
    kith_list_avatar_set_picture (self->avatar, kith_record_item_get_picture (item));
  else if (g_str_equal (name, "subtitle"))
    kith_list_text_set_text (self->subtitle, kith_record_item_get_subtitle (item));
  else if (g_str_equal (name, "stage-label"))
    kith_list_text_set_text (self->stage, kith_record_item_get_stage_label (item));
  else if (g_str_equal (name, "last-contact-label"))
    kith_list_text_set_text (self->last_contact, kith_record_item_get_last_contact_label (item));
  else if (g_str_equal (name, "group-header"))
    show_header (self);
  else if (g_str_equal (name, "private"))
    show_lock (self);
}

/**
 * kith_list_row_set_item:
 * @item: (nullable): the record to show, or %NULL while the row is unbound
 *
 * Shows @item, and follows it as it is filled in or changes.
 */
void
kith_list_row_set_item (KithListRow    *self,
                        KithRecordItem *item)
{
  g_return_if_fail (KITH_IS_LIST_ROW (self));

  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->item);
      g_clear_object (&self->item);
    }

  if (item == NULL)
    {
      if (self->header != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->header), FALSE);
      if (self->lock != NULL)
        gtk_widget_set_visible (self->lock, FALSE);
      return;
    }

  self->item = g_object_ref (item);
  /* One handler for the few properties: the item notifies them together when a page arrives */
  self->notify_id = g_signal_connect (item, "notify", G_CALLBACK (on_item_notify_cb), self);
  show_header (self);
  show_name (self);
  show_lock (self);
  kith_list_avatar_set_picture (self->avatar, kith_record_item_get_picture (item));
  kith_list_text_set_text (self->subtitle, kith_record_item_get_subtitle (item));
  kith_list_text_set_text (self->stage, kith_record_item_get_stage_label (item));
  kith_list_text_set_text (self->last_contact, kith_record_item_get_last_contact_label (item));
}

/**
 * kith_list_row_get_item:
 *
 * Returns: (transfer none) (nullable): the record the row shows
 */
KithRecordItem *
kith_list_row_get_item (KithListRow *self)
{
  g_return_val_if_fail (KITH_IS_LIST_ROW (self), NULL);

  return self->item;
}
