/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithListRow: one row of a record list — an optional group heading, then avatar, name,
 * headline or company, stage and last contact.
 *
 * Built in code rather than from a template, and following its item through one notify
 * handler rather than a binding per property: a list view makes a few hundred of these when
 * it opens, and parsing a template and evaluating expression bindings for each was most of the
 * cost of the window's first frame (bench/gui, bench/README.md). The project's rule is a
 * template per widget; this row is the measured exception.
 */

#define G_LOG_DOMAIN "KithListRow"

#include "config.h"

#include <adwaita.h>

#include "kith-list-avatar.h"
#include "kith-list-row.h"

struct _KithListRow
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *header;
  KithListAvatar *avatar;
  GtkLabel       *name;
  GtkLabel       *subtitle;
  GtkLabel       *stage;
  GtkLabel       *last_contact;

  KithRecordItem *item;
  gulong          notify_id;
};

G_DEFINE_FINAL_TYPE (KithListRow, kith_list_row, GTK_TYPE_WIDGET)

static GtkLabel *
new_label (float       xalign,
           const char *class1,
           const char *class2)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (class1 != NULL)
    gtk_widget_add_css_class (label, class1);
  if (class2 != NULL)
    gtk_widget_add_css_class (label, class2);

  return GTK_LABEL (label);
}

/* A label in one cell of the row's grid */
static GtkLabel *
add_label (GtkGrid    *grid,
           float       xalign,
           const char *class1,
           const char *class2,
           int         column,
           int         row)
{
  GtkLabel *label = new_label (xalign, class1, class2);

  gtk_grid_attach (grid, GTK_WIDGET (label), column, row, 1, 1);

  return label;
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
}

static void
kith_list_row_dispose (GObject *object)
{
  KithListRow *self = KITH_LIST_ROW (object);

  kith_list_row_set_item (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (kith_list_row_parent_class)->dispose (object);
}

static void
kith_list_row_class_init (KithListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_list_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* One grid, no nested boxes, and the group heading only where a row has one: a list view in
 * GTK 4.8 makes some 200 rows, so every widget a row saves is 200 widgets built, styled and
 * measured less before the first frame (bench/gui) */
static void
kith_list_row_init (KithListRow *self)
{
  GtkGrid *grid;

  self->box = gtk_grid_new ();
  grid = GTK_GRID (self->box);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->avatar = KITH_LIST_AVATAR (kith_list_avatar_new (36));
  gtk_widget_set_margin_top (GTK_WIDGET (self->avatar), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->avatar), 6);
  gtk_grid_attach (grid, GTK_WIDGET (self->avatar), 0, 1, 1, 2);

  self->name = add_label (grid, 0, NULL, NULL, 1, 1);
  gtk_widget_set_valign (GTK_WIDGET (self->name), GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name), TRUE);
  gtk_label_set_ellipsize (self->name, PANGO_ELLIPSIZE_END);
  self->subtitle = add_label (grid, 0, "dim-label", "caption", 1, 2);
  gtk_widget_set_valign (GTK_WIDGET (self->subtitle), GTK_ALIGN_START);
  gtk_label_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_END);

  self->stage = add_label (grid, 1, "caption-heading", "accent", 2, 1);
  gtk_widget_set_valign (GTK_WIDGET (self->stage), GTK_ALIGN_END);
  self->last_contact = add_label (grid, 1, "dim-label", "caption", 2, 2);
  gtk_widget_set_valign (GTK_WIDGET (self->last_contact), GTK_ALIGN_START);
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
      self->header = new_label (0, "heading", "dim-label");
      gtk_grid_attach (GTK_GRID (self->box), GTK_WIDGET (self->header), 0, 0, 3, 1);
      gtk_widget_set_margin_top (GTK_WIDGET (self->header), 12);
      gtk_widget_set_margin_bottom (GTK_WIDGET (self->header), 4);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->header), shown);
  set_text (self->header, header);
}

static void
show_name (KithListRow *self)
{
  kith_list_avatar_set_text (self->avatar, kith_record_item_get_name (self->item));
  set_text (self->name, kith_record_item_get_name (self->item));
}

/* What changed, and only that: a page arriving notifies every property of 64 items at once */
static void
on_item_notify_cb (KithRecordItem *item,
                   GParamSpec     *pspec,
                   KithListRow    *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "name"))
    show_name (self);
  else if (g_str_equal (name, "subtitle"))
    set_text (self->subtitle, kith_record_item_get_subtitle (item));
  else if (g_str_equal (name, "stage-label"))
    set_text (self->stage, kith_record_item_get_stage_label (item));
  else if (g_str_equal (name, "last-contact-label"))
    set_text (self->last_contact, kith_record_item_get_last_contact_label (item));
  else if (g_str_equal (name, "group-header"))
    show_header (self);
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
      return;
    }

  self->item = g_object_ref (item);
  /* One handler for the few properties: the item notifies them together when a page arrives */
  self->notify_id = g_signal_connect (item, "notify", G_CALLBACK (on_item_notify_cb), self);
  show_header (self);
  show_name (self);
  set_text (self->subtitle, kith_record_item_get_subtitle (item));
  set_text (self->stage, kith_record_item_get_stage_label (item));
  set_text (self->last_contact, kith_record_item_get_last_contact_label (item));
}
