/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTimelineRow: one item of a profile's timeline (or one of its to-dos) bound to its
 * KithTimelineItem: what it was, when, with whom, and the start of it. A captured email opens
 * in full in a KithMessageWindow, and has a menu to reply to it or forward it. A note, call, text
 * meeting or direct message has a menu to edit or delete it (the timeline it is on does that:
 * "timeline.edit-item", "timeline.delete-item"), and a meeting's to add notes on it
 * ("timeline.add-notes"), which show as a note titled after it. A meeting from a calendar is
 * the calendar's: it is changed there, unless Kith made it (the timeline finds out and sets
 * "made-in-kith"), when its menu has Edit Meeting and Delete Meeting ("timeline.edit-meeting",
 * "timeline.delete-meeting").
 */

#define G_LOG_DOMAIN "KithTimelineRow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "compose/kith-draft-open.h"
#include "kith-message-window.h"
#include "kith-timeline-manual.h"
#include "kith-timeline-format.h"
#include "kith-timeline-row.h"

/* How much of the preview a row shows */
#define PREVIEW_CHARS 120

struct _KithTimelineRow
{
  AdwActionRow      parent_instance;

  GtkImage         *icon;
  GtkWidget        *menu_button;
  GMenuModel       *item_menu;
  GMenuModel       *meeting_menu;
  GMenuModel       *email_menu;

  KithTimelineItem *item;
  gboolean          made_in_kith;
};

G_DEFINE_FINAL_TYPE (KithTimelineRow, kith_timeline_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_MADE_IN_KITH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
title_text (KithTimelineItem *item)
{
  const char *subject = kith_timeline_item_get_subject (item);
  KithTimelineStyle style = kith_timeline_item_get_style (item);

  /* Notes on a meeting are titled after it (kith_store_add_meeting_note_async() gives them its title) */
  if (kith_timeline_item_is_meeting_note (item))
    /* Translators: the title of notes on a meeting, on the timeline */
    return g_strdup_printf (_("Notes on “%s”"), subject != NULL ? subject : _("Meeting"));
  if (subject != NULL)
    return g_strdup (subject);

  switch (style)
    {
    case KITH_TIMELINE_STYLE_CALL:
      return g_strdup (_("Call"));
    case KITH_TIMELINE_STYLE_MEETING:
      return g_strdup (_("Meeting"));
    case KITH_TIMELINE_STYLE_NOTE:
      return g_strdup (_("Note"));
    default:
      return g_strdup (_("Message"));
    }
}

/* A call's length and outcome: " · 5 min · left voicemail" */
static void
append_call (GString          *text,
             KithTimelineItem *item)
{
  gint64 minutes = (kith_timeline_item_get_duration (item) + 59) / 60;

  if (kith_timeline_item_get_duration (item) > 0)
    {
      g_autofree char *length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", (gulong) minutes),
                                                 (int) minutes);

      g_string_append_printf (text, " · %s", length);
    }

  switch (kith_timeline_item_get_outcome (item))
    {
    case KITH_CALL_OUTCOME_CONNECTED:
      g_string_append_printf (text, " · %s", _("connected"));
      break;
    case KITH_CALL_OUTCOME_LEFT_VOICEMAIL:
      g_string_append_printf (text, " · %s", _("left voicemail"));
      break;
    case KITH_CALL_OUTCOME_NO_ANSWER:
      g_string_append_printf (text, " · %s", _("no answer"));
      break;
    case KITH_CALL_OUTCOME_NONE:
    default:
      break;
    }
}

/* A to-do's due day, as the Agenda writes it, or "Someday"; the store keeps it as midnight UTC */
static char *
due_text (gint64 date)
{
  g_autoptr(GDateTime) due = NULL;

  if (date == 0)
    return g_strdup (_("Someday"));
  due = g_date_time_new_from_unix_utc (date / 1000);
  return kith_timeline_format_day (due);
}

/* When, how long and how it went (calls), who wrote, then the start of the item */
static char *
subtitle_text (KithTimelineItem *item)
{
  gint64 date = kith_timeline_item_get_date (item);
  const char *preview = kith_timeline_item_get_preview (item);
  const char *subject = kith_timeline_item_get_subject (item);
  g_autoptr(GString) text = NULL;
  g_autofree char *when = NULL;

  if (kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_TODO)
    return due_text (date);

  when = kith_timeline_format_when (date);
  text = g_string_new (when);
  if (kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_CALL)
    append_call (text, item);
  if (kith_timeline_item_get_sender_name (item) != NULL)
    g_string_append_printf (text, " · %s", kith_timeline_item_get_sender_name (item));
  /* A note's title is the start of its text: under it, only the rest */
  if (preview != NULL && subject != NULL && kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_NOTE &&
      g_str_has_prefix (preview, subject))
    {
      preview += strlen (subject);
      while (g_ascii_isspace (*preview))
        preview++;
      if (*preview == '\0')
        preview = NULL;
    }
  if (preview != NULL)
    {
      g_autofree char *start = g_utf8_substring (preview, 0, PREVIEW_CHARS);

      g_string_append_printf (text, "\n%s", start);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A captured email opens in full */
static gboolean
opens (KithTimelineItem *item)
{
  return kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_EMAIL && kith_timeline_item_get_body (item) != NULL;
}

/* What the user wrote down, rather than what was captured, can be deleted */
static gboolean
deletable (KithTimelineItem *item)
{
  switch (kith_timeline_item_get_style (item))
    {
    case KITH_TIMELINE_STYLE_NOTE:
    case KITH_TIMELINE_STYLE_CALL:
    case KITH_TIMELINE_STYLE_TEXT:
    case KITH_TIMELINE_STYLE_MEETING:
    case KITH_TIMELINE_STYLE_DIRECT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A meeting a calendar keeps: the timeline writes over it whenever the calendar is read */
static gboolean
from_calendar (KithTimelineItem *item)
{
  const char *source = kith_timeline_item_get_source (item);

  return kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_MEETING &&
         source != NULL && g_str_has_prefix (source, "calendar:");
}

/* What the menu offers (an item whose action is off is hidden there) */
static void
update_actions (KithTimelineRow *self)
{
  gboolean calendar = from_calendar (self->item);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.edit", !calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.delete", !calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.edit-meeting", calendar && self->made_in_kith);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.delete-meeting", calendar && self->made_in_kith);
}

static gboolean
answerable (KithTimelineItem *item)
{
  return kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_EMAIL;
}

/* The menu button says what it acts on */
static void
show_menu_button (KithTimelineRow *self,
                  const char      *title)
{
  /* Translators: the button that opens the menu of a timeline item, named by its title */
  g_autofree char *label = g_strdup_printf (_("More for “%s”"), title);
  KithTimelineStyle style = kith_timeline_item_get_style (self->item);

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button),
                                  answerable (self->item) ? self->email_menu :
                                  style == KITH_TIMELINE_STYLE_MEETING ? self->meeting_menu : self->item_menu);
  gtk_widget_set_visible (self->menu_button, deletable (self->item) || answerable (self->item));
  gtk_widget_set_tooltip_text (self->menu_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The item's properties, shown. Set here rather than by <binding>s in the template: GTK 4.8
 * drops the weak references of a template's expressions twice on a subclass of AdwActionRow
 * (GTK issue 5834), which warns on every row removed */
static void
show_item (KithTimelineRow *self)
{
  KithTimelineItem *item = self->item;
  g_autofree char *title = title_text (item);
  g_autofree char *subtitle = subtitle_text (item);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_image_set_from_icon_name (self->icon, kith_timeline_format_icon (kith_timeline_item_get_style (item),
                                                                       kith_timeline_item_get_direction (item)));
  show_menu_button (self, title);
  update_actions (self);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), opens (item));
  if (opens (item))
    gtk_widget_add_css_class (GTK_WIDGET (self), "email-row");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "email-row");
}

static void
on_activated_cb (KithTimelineRow *self)
{
  GtkWidget *window = kith_message_window_new (self->item);

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (window));
}

/* The timeline the row is on opens the form that added it, filled in */
static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithTimelineRow *self = KITH_TIMELINE_ROW (widget);

  gtk_widget_activate_action (widget, "timeline.edit-item", "x", kith_timeline_item_get_id (self->item));
}

/* The timeline the row is on deletes it, and offers Undo */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithTimelineRow *self = KITH_TIMELINE_ROW (widget);

  gtk_widget_activate_action (widget, "timeline.delete-item", "x", kith_timeline_item_get_id (self->item));
}

/* The timeline the row is on opens the meeting Kith made in Edit Meeting */
static void
edit_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithTimelineRow *self = KITH_TIMELINE_ROW (widget);

  gtk_widget_activate_action (widget, "timeline.edit-meeting", "x", kith_timeline_item_get_id (self->item));
}

/* The timeline the row is on removes the meeting Kith made from its calendar, and offers Undo */
static void
delete_meeting_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KithTimelineRow *self = KITH_TIMELINE_ROW (widget);

  gtk_widget_activate_action (widget, "timeline.delete-meeting", "x", kith_timeline_item_get_id (self->item));
}

/* The timeline the row is on opens a form for notes on the meeting */
static void
add_notes_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KithTimelineRow *self = KITH_TIMELINE_ROW (widget);

  gtk_widget_activate_action (widget, "timeline.add-notes", "x", kith_timeline_item_get_id (self->item));
}

/* Reply, Reply All or Forward, in a composer: the row's item is read in full already */
static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithTimelineRow *self = KITH_TIMELINE_ROW (widget);
  g_autoptr(KithMessage) original = kith_message_new_for_item (self->item);
  kith_draft_open_answer (widget, NULL, original, kith_draft_kind_of_action (action_name));
}

static void
kith_timeline_row_constructed (GObject *object)
{
  KithTimelineRow *self = KITH_TIMELINE_ROW (object);

  G_OBJECT_CLASS (kith_timeline_row_parent_class)->constructed (object);

  g_signal_connect_object (self->item, "notify", G_CALLBACK (show_item), self, G_CONNECT_SWAPPED);
  show_item (self);
}

static void
kith_timeline_row_dispose (GObject *object)
{
  KithTimelineRow *self = KITH_TIMELINE_ROW (object);

  /* No gtk_widget_dispose_template (): AdwActionRow takes its prefixes and suffixes down
   * itself (GTK issue 5834: they would be disposed twice) */
  g_clear_object (&self->item);

  G_OBJECT_CLASS (kith_timeline_row_parent_class)->dispose (object);
}

static void
kith_timeline_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, KITH_TIMELINE_ROW (object)->item);
      break;
    case PROP_MADE_IN_KITH:
      g_value_set_boolean (value, KITH_TIMELINE_ROW (object)->made_in_kith);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      KITH_TIMELINE_ROW (object)->item = g_value_dup_object (value);
      break;
    case PROP_MADE_IN_KITH:
      kith_timeline_row_set_made_in_kith (KITH_TIMELINE_ROW (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_row_class_init (KithTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_timeline_row_constructed;
  object_class->dispose = kith_timeline_row_dispose;
  object_class->get_property = kith_timeline_row_get_property;
  object_class->set_property = kith_timeline_row_set_property;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, KITH_TYPE_TIMELINE_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The item is a meeting Kith wrote into a calendar: it can be edited and deleted from here */
  properties[PROP_MADE_IN_KITH] = g_param_spec_boolean ("made-in-kith", NULL, NULL, FALSE,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-timeline-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTimelineRow, icon);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineRow, item_menu);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineRow, meeting_menu);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineRow, email_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);

  gtk_widget_class_install_action (widget_class, "row.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "row.add-notes", NULL, add_notes_action);
  gtk_widget_class_install_action (widget_class, "row.edit-meeting", NULL, edit_meeting_action);
  gtk_widget_class_install_action (widget_class, "row.delete-meeting", NULL, delete_meeting_action);
  gtk_widget_class_install_action (widget_class, "row.reply", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "row.reply-all", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "row.forward", NULL, answer_action);
}

static void
kith_timeline_row_init (KithTimelineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_timeline_row_new (KithTimelineItem *item)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (item), NULL);

  return g_object_new (KITH_TYPE_TIMELINE_ROW, "item", item, NULL);
}

void
kith_timeline_row_set_made_in_kith (KithTimelineRow *self,
                                    gboolean         made_in_kith)
{
  g_return_if_fail (KITH_IS_TIMELINE_ROW (self));

  if (self->made_in_kith == !!made_in_kith)
    return;
  self->made_in_kith = !!made_in_kith;
  if (self->item != NULL)
    update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MADE_IN_KITH]);
}
