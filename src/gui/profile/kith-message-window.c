/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KithMessageWindow: an email of a profile's timeline read in full, over the profile: who it
 * is from and to and when it was sent above its body */

#define G_LOG_DOMAIN "KithMessageWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-message-view.h"
#include "kith-message-window.h"
#include "kith-timeline-format.h"
#include "kith-timeline-person.h"

struct _KithMessageWindow
{
  AdwWindow         parent_instance;

  GtkLabel         *from_label;
  GtkLabel         *to_label;
  GtkLabel         *cc_label;
  GtkLabel         *date_label;
  KithMessageView  *view;

  KithTimelineItem *item;
};

G_DEFINE_FINAL_TYPE (KithMessageWindow, kith_message_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
subject_text (gpointer    unused,
              const char *subject)
{
  return g_strdup (subject != NULL ? subject : _("(No subject)"));
}

/* "Ada Lovelace <ada@example.com>", or the address alone when the item names nobody */
static void
append_person (GString            *text,
               KithTimelinePerson *person)
{
  const char *name = kith_timeline_person_get_name (person);
  const char *value = kith_timeline_person_get_value (person);

  if (name == NULL || *name == '\0')
    g_string_append (text, value != NULL ? value : "");
  else if (value == NULL || g_str_equal (name, value))
    g_string_append (text, name);
  else
    g_string_append_printf (text, "%s <%s>", name, value);
}

/* Who took part in @item as @role ("from", "to", "cc"), or %NULL for nobody */
static char *
people_text (KithTimelineItem *item,
             const char       *role)
{
  GListModel *people = kith_timeline_item_get_people (item);
  GString *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (kith_timeline_person_get_role (person), role) != 0)
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append (text, ", ");
      append_person (text, person);
    }

  return text != NULL ? g_string_free (text, FALSE) : NULL;
}

/* The line for @role, hidden (with its caption, bound to it) when nobody took part so */
static void
show_people (GtkLabel         *label,
             KithTimelineItem *item,
             const char       *role)
{
  g_autofree char *text = people_text (item, role);

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* The day as the Agenda writes it, and the time: "Tue 1 Dec at 14:05" */
static char *
date_text (gint64 date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (date / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *day = kith_timeline_format_day (local);
  /* Translators: the time an email was sent; see g_date_time_format () */
  g_autofree char *time = g_date_time_format (local, _("%H:%M"));

  /* Translators: when an email was sent: the day ("Tue 1 Dec"), then the time */
  return g_strdup_printf (_("%s at %s"), day, time);
}

/* Set here rather than by <binding>s in the template: GTK 4.8 unwatches a template's
 * expressions twice when a label bound to the window outlives it (as the focused label does
 * when Escape closes the window), which warns. Who took part is read with the item and does not
 * change. */
static void
show_header (KithMessageWindow *self)
{
  g_autofree char *date = date_text (kith_timeline_item_get_date (self->item));

  show_people (self->from_label, self->item, "from");
  show_people (self->to_label, self->item, "to");
  show_people (self->cc_label, self->item, "cc");
  /* A long list of recipients in full, where the line ends in an ellipsis */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->to_label), gtk_label_get_text (self->to_label));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cc_label), gtk_label_get_text (self->cc_label));
  gtk_label_set_text (self->date_label, date);
}

static void
kith_message_window_constructed (GObject *object)
{
  KithMessageWindow *self = KITH_MESSAGE_WINDOW (object);

  G_OBJECT_CLASS (kith_message_window_parent_class)->constructed (object);

  /* Not a <binding> in the template: GTK 4.8 warns when one whose target is the template
   * itself is taken down with the window */
  gtk_window_set_title (GTK_WINDOW (self), kith_timeline_item_get_subject (self->item) != NULL
                                           ? kith_timeline_item_get_subject (self->item) : _("Message"));

  kith_message_view_set_body (self->view, kith_timeline_item_get_body (self->item),
                              kith_timeline_item_get_body_type (self->item));
  show_header (self);
}

/* GTK gives the focus to the first focusable child of a window it shows, and a selectable label
 * that gets it that way selects all its text: the message would open with its From line (or
 * its body) highlighted. It opens with nothing selected and the focus on the window; Tab
 * still reaches the labels. */
static void
kith_message_window_show (GtkWidget *widget)
{
  GtkWidget *focus;

  GTK_WIDGET_CLASS (kith_message_window_parent_class)->show (widget);

  focus = gtk_root_get_focus (GTK_ROOT (widget));
  if (!GTK_IS_LABEL (focus))
    return;
  gtk_window_set_focus (GTK_WINDOW (widget), NULL);
  gtk_label_select_region (GTK_LABEL (focus), 0, 0);
}

static void
kith_message_window_dispose (GObject *object)
{
  KithMessageWindow *self = KITH_MESSAGE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MESSAGE_WINDOW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (kith_message_window_parent_class)->dispose (object);
}

static void
kith_message_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, KITH_MESSAGE_WINDOW (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_message_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      KITH_MESSAGE_WINDOW (object)->item = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_message_window_class_init (KithMessageWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_message_window_constructed;
  object_class->dispose = kith_message_window_dispose;
  object_class->get_property = kith_message_window_get_property;
  object_class->set_property = kith_message_window_set_property;
  widget_class->show = kith_message_window_show;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, KITH_TYPE_TIMELINE_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_MESSAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-message-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMessageWindow, from_label);
  gtk_widget_class_bind_template_child (widget_class, KithMessageWindow, to_label);
  gtk_widget_class_bind_template_child (widget_class, KithMessageWindow, cc_label);
  gtk_widget_class_bind_template_child (widget_class, KithMessageWindow, date_label);
  gtk_widget_class_bind_template_child (widget_class, KithMessageWindow, view);
  gtk_widget_class_bind_template_callback (widget_class, subject_text);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_message_window_init (KithMessageWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_message_window_new:
 * @item: an email with its body
 *
 * Returns: (transfer none): a window showing @item in full, owned by GTK's list of windows
 */
GtkWidget *
kith_message_window_new (KithTimelineItem *item)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (item), NULL);

  return g_object_new (KITH_TYPE_MESSAGE_WINDOW, "item", item, NULL);
}
