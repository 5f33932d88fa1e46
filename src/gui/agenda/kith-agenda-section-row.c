/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgendaSectionRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-agenda-row.h"
#include "kith-limit-model.h"
#include "kith-agenda-section-row.h"

/*
 * One section of the Agenda: its heading, which folds it, and its entries through
 * gtk_list_box_bind_model(), so a change to the section changes only the rows it touches.
 * A long section shows a batch of rows and a button for the next batch: a section costs a
 * screenful of widgets, not one per entry. A to-do dropped on Today, Upcoming or Someday is
 * moved there ("agenda.reschedule").
 */

/* Rows shown per section before "Show more" */
#define ROWS_PER_BATCH 25

struct _KithAgendaSectionRow
{
  GtkListBoxRow      parent_instance;

  GtkListBox        *entries;
  GtkButton         *more_button;

  KithAgendaSection *section;
  KithLimitModel    *shown;
};

G_DEFINE_FINAL_TYPE (KithAgendaSectionRow, kith_agenda_section_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_entries (KithAgendaSectionRow *self,
             guint                 n_items)
{
  return n_items > 0;
}

static char *
count_text (KithAgendaSectionRow *self,
            guint                 n_items)
{
  return g_strdup_printf ("%u", n_items);
}

/* The "Show N More" button says how many are not shown yet */
static void
update_more_button (KithAgendaSectionRow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->section));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->more_button), n > shown);
  if (n <= shown)
    return;

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %'u More", "Show %'u More", n - shown), n - shown);
  gtk_button_set_label (self->more_button, label);
}

/* Scrolls the least that shows all of @widget in its scrolled window */
static gboolean
keep_in_sight_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double page;

  /* Ticks come before layout: wait for the frame after the row got its place */
  if (gtk_widget_get_height (widget) == 0)
    return G_SOURCE_CONTINUE;
  if (scrolled == NULL || !gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > page)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_value (adjustment) + bounds.origin.y + bounds.size.height - page);
  return G_SOURCE_REMOVE;
}

static void
on_more_clicked (GtkButton            *button,
                 KithAgendaSectionRow *self)
{
  guint first_new = kith_limit_model_get_limit (self->shown);
  GtkListBoxRow *row;

  kith_limit_model_set_limit (self->shown, first_new + ROWS_PER_BATCH);
  /* The button may go with the last batch, and focus would fall back to the section and scroll
   * the rows just shown out of sight: focus the first of them instead, and keep it in sight
   * once it has a place (the viewport cannot scroll to a row not yet allocated) */
  row = gtk_list_box_get_row_at_index (self->entries, first_new);
  if (row != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (row));
      gtk_widget_add_tick_callback (GTK_WIDGET (row), keep_in_sight_cb, NULL, NULL);
    }
  update_more_button (self);
}

/* Today's meetings come in their order, the morning's first: when the next one is past the
 * rows shown, the section shows down to it and the two after it, so that what comes next is
 * never behind "Show More" */
static void
show_next_meeting (KithAgendaSectionRow *self)
{
  GListModel *entries = G_LIST_MODEL (self->section);
  guint n = g_list_model_get_n_items (entries);
  guint limit = kith_limit_model_get_limit (self->shown);

  if (kith_agenda_section_get_kind (self->section) != KITH_AGENDA_SECTION_MEETINGS)
    return;

  for (guint i = limit; i < n; i++)
    {
      g_autoptr(KithAgendaEntry) entry = g_list_model_get_item (entries, i);

      if (kith_agenda_entry_get_next (entry))
        {
          kith_limit_model_set_limit (self->shown, i + 3);
          return;
        }
    }
}

static void
on_section_changed_cb (GListModel           *model,
                     guint                 position,
                     guint                 removed,
                     guint                 added,
                     KithAgendaSectionRow *self)
{
  show_next_meeting (self);
  update_more_button (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return kith_agenda_row_new (item);
}

/* Where a to-do dropped on the section goes, or NULL when it takes none */
static const char *
drop_day (KithAgendaSectionKind kind)
{
  switch (kind)
    {
    case KITH_AGENDA_SECTION_TODAY:
      return "today";
    case KITH_AGENDA_SECTION_UPCOMING:
      return "tomorrow";
    case KITH_AGENDA_SECTION_SOMEDAY:
      return "someday";
    default:
      return NULL;
    }
}

static gboolean
on_drop_cb (GtkDropTarget        *target,
            const GValue         *value,
            double                x,
            double                y,
            KithAgendaSectionRow *self)
{
  const char *when = drop_day (kith_agenda_section_get_kind (self->section));

  if (!G_VALUE_HOLDS_INT64 (value) || when == NULL)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "agenda.reschedule", "(xs)", g_value_get_int64 (value), when);
  return TRUE;
}

static void
kith_agenda_section_row_constructed (GObject *object)
{
  KithAgendaSectionRow *self = KITH_AGENDA_SECTION_ROW (object);

  G_OBJECT_CLASS (kith_agenda_section_row_parent_class)->constructed (object);

  self->shown = kith_limit_model_new (G_LIST_MODEL (self->section), ROWS_PER_BATCH);
  g_signal_connect_object (self->section, "items-changed", G_CALLBACK (on_section_changed_cb), self, 0);
  gtk_list_box_bind_model (self->entries, G_LIST_MODEL (self->shown), create_row, NULL, NULL);
  show_next_meeting (self);
  update_more_button (self);

  if (drop_day (kith_agenda_section_get_kind (self->section)) != NULL)
    {
      GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

      g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
    }
}

static void
kith_agenda_section_row_dispose (GObject *object)
{
  KithAgendaSectionRow *self = (KithAgendaSectionRow *)object;

  if (self->entries != NULL)
    gtk_list_box_bind_model (self->entries, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_AGENDA_SECTION_ROW);
  g_clear_object (&self->shown);

  G_OBJECT_CLASS (kith_agenda_section_row_parent_class)->dispose (object);
}

static void
kith_agenda_section_row_finalize (GObject *object)
{
  KithAgendaSectionRow *self = (KithAgendaSectionRow *)object;

  g_clear_object (&self->section);

  G_OBJECT_CLASS (kith_agenda_section_row_parent_class)->finalize (object);
}

static void
kith_agenda_section_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  KithAgendaSectionRow *self = KITH_AGENDA_SECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_object (value, self->section);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_section_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KithAgendaSectionRow *self = KITH_AGENDA_SECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      self->section = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_section_row_class_init (KithAgendaSectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_agenda_section_row_constructed;
  object_class->dispose = kith_agenda_section_row_dispose;
  object_class->finalize = kith_agenda_section_row_finalize;
  object_class->get_property = kith_agenda_section_row_get_property;
  object_class->set_property = kith_agenda_section_row_set_property;

  properties[PROP_SECTION] =
    g_param_spec_object ("section", NULL, NULL, KITH_TYPE_AGENDA_SECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/agenda/kith-agenda-section-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithAgendaSectionRow, entries);
  gtk_widget_class_bind_template_child (widget_class, KithAgendaSectionRow, more_button);
  gtk_widget_class_bind_template_callback (widget_class, has_entries);
  gtk_widget_class_bind_template_callback (widget_class, count_text);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);
}

static void
kith_agenda_section_row_init (KithAgendaSectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_agenda_section_row_new (KithAgendaSection *section)
{
  g_return_val_if_fail (KITH_IS_AGENDA_SECTION (section), NULL);

  return g_object_new (KITH_TYPE_AGENDA_SECTION_ROW, "section", section, NULL);
}
