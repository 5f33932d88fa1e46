/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgendaRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-enums.h"
#include "kith-todos.h"
#include "kith-types.h"

#include "kith-agenda-row.h"
#include "kith-date-format.h"

/*
 * One entry of the Agenda. Its title and subtitle are bound to the entry's properties
 * (data/ui/agenda/kith-agenda-row.ui), so an entry updated in place updates the row. A to-do
 * has a Done check and a Reschedule menu and can be dragged onto another section; an entry
 * about a record opens it; a reminder whose step has a template composes it. What the row
 * does it asks of the page through the page's actions ("agenda.done", "agenda.reschedule",
 * "agenda.open", "agenda.compose-step").
 */

struct _KithAgendaRow
{
  AdwActionRow     parent_instance;

  KithAgendaEntry *entry;
  GtkWidget       *done_check;
  GtkWidget       *reschedule_button;
  GtkWidget       *compose_button;
  GtkWidget       *chips_box;
};

G_DEFINE_FINAL_TYPE (KithAgendaRow, kith_agenda_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_time (gint64      ms,
             const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return kith_date_format (local, format);
}

static char *
format_day (const char *iso_date)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;
  int minute;

  /* A to-do's due day may carry its time of day */
  if (!kith_todo_parse_due (iso_date, &date, &minute))
    return g_strdup (iso_date);

  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                              MAX (minute, 0) / 60, MAX (minute, 0) % 60, 0);
  if (minute >= 0)
    /* Translators: a day and time in a list of to-dos, such as "Mon 23 Nov, 15:00" */
    return kith_date_format (dt, _("%a %-d %b, %H:%M"));
  /* Translators: a day in a list of to-dos, such as "Mon 23 Nov" */
  return kith_date_format (dt, _("%a %-d %b"));
}

static char *
days_phrase (int days)
{
  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("tomorrow"));
  if (days == -1)
    return g_strdup (_("yesterday"));
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) -days), -days);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", (gulong) days), days);
}

/* "Mon 23 Nov (in 3 days)" */
static char *
day_and_phrase (const char *day,
                int         in_days)
{
  g_autofree char *date = format_day (day);
  g_autofree char *relative = days_phrase (in_days);

  return g_strdup_printf ("%s (%s)", date, relative);
}

static char *
join_people (GStrv people)
{
  return people != NULL ? g_strjoinv (", ", people) : g_strdup ("");
}

static char *
todo_subtitle (GStrv       people,
               const char *day,
               int         in_days)
{
  g_autofree char *who = join_people (people);
  g_autofree char *when = day != NULL ? day_and_phrase (day, in_days) : NULL;

  if (*who != '\0' && when != NULL)
    return g_strdup_printf ("%s · %s", who, when);

  return g_strdup (*who != '\0' ? who : when);
}

static char *
reminder_subtitle (const char *step,
                   const char *template,
                   int         in_days)
{
  g_autofree char *when = days_phrase (in_days);

  if (template != NULL)
    /* Translators: a next step, when it was due, and the email template it suggests */
    return g_strdup_printf (_("%s · due %s · template “%s”"), step != NULL ? step : "", when, template);

  return g_strdup_printf (_("%s · due %s"), step != NULL ? step : "", when);
}

/* "09:00–10:00 · Place"; a meeting of tomorrow (under Upcoming) says so. Who attends is on
 * the row's chips */
static char *
meeting_subtitle (gint64      time,
                  gint64      duration,
                  int         in_days,
                  const char *location)
{
  g_autofree char *start = format_time (time, "%H:%M");
  g_autofree char *end = duration > 0 ? format_time (time + duration * 1000, "%H:%M") : NULL;
  g_autofree char *when = end != NULL ? g_strdup_printf ("%s–%s", start, end) : g_strdup (start);

  if (in_days == 1)
    {
      /* Translators: a meeting's time tomorrow, such as "Tomorrow 09:00–10:00" */
      g_autofree char *tomorrow = g_strdup_printf (_("Tomorrow %s"), when);

      g_free (when);
      when = g_steal_pointer (&tomorrow);
    }
  if (location != NULL && *location != '\0')
    return g_strdup_printf ("%s · %s", when, location);

  return g_steal_pointer (&when);
}

static char *
stay_in_touch_subtitle (gint64 last_contact,
                        int    cadence,
                        int    overdue)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *last = NULL;

  if (last_contact == 0)
    subtitle = g_strdup (_("Never contacted"));
  else
    {
      last = format_time (last_contact, "%-d %b %Y");
      /* Translators: last contact date, then the stay-in-touch cadence in days */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last contact %s · every %d day",
                                               "Last contact %s · every %d days", (gulong) cadence),
                                  last, cadence);
    }

  if (overdue <= 0)
    return g_steal_pointer (&subtitle);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d day overdue", "%s · %d days overdue",
                                       (gulong) overdue), subtitle, overdue);
}

static char *
occasion_subtitle (const char *label,
                   const char *day,
                   int         in_days,
                   int         years)
{
  g_autofree char *date = format_day (day);
  g_autofree char *when = days_phrase (in_days);

  /* A first birthday or anniversary is no "0 years"; a year not known is none at all */
  if (years > 0)
    /* Translators: "Birthday · 40 years · Sat 28 Feb (in 3 days)" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d year · %s (%s)", "%s · %d years · %s (%s)",
                                         (gulong) years),
                            label, years, date, when);

  return g_strdup_printf ("%s · %s (%s)", label, date, when);
}

static char *
dup_subtitle (KithAgendaEntry *entry)
{
  const char *detail = kith_agenda_entry_get_detail (entry);
  const char *day = kith_agenda_entry_get_day (entry);
  GStrv people = (GStrv) kith_agenda_entry_get_people (entry);
  gint64 time = kith_agenda_entry_get_time (entry);
  int in_days = kith_agenda_entry_get_in_days (entry);

  switch (kith_agenda_entry_get_kind (entry))
    {
    case KITH_AGENDA_ENTRY_TODO:
      return todo_subtitle (people, day, in_days);

    case KITH_AGENDA_ENTRY_REMINDER:
      return reminder_subtitle (detail, kith_agenda_entry_get_template (entry), in_days);

    case KITH_AGENDA_ENTRY_MEETING:
      return meeting_subtitle (time, kith_agenda_entry_get_duration (entry), in_days, detail);

    case KITH_AGENDA_ENTRY_NEEDS_REPLY:
      {
        g_autofree char *when = format_time (time, "%-d %b %H:%M");

        return g_strdup_printf ("%s · %s", detail != NULL ? detail : "", when);
      }

    case KITH_AGENDA_ENTRY_STAY_IN_TOUCH:
      return stay_in_touch_subtitle (time, kith_agenda_entry_get_cadence (entry),
                                     kith_agenda_entry_get_overdue_days (entry));

    case KITH_AGENDA_ENTRY_OCCASION:
      return occasion_subtitle (detail, day, in_days, kith_agenda_entry_get_years (entry));

    default:
      g_return_val_if_reached (NULL);
    }
}

/* A screen reader names each row's buttons with what they act on: a list of "Done" would not
 * say which to-do */
static void
name_buttons (KithAgendaRow *self)
{
  const char *title = kith_agenda_entry_get_title (self->entry);
  /* Translators: the check box that marks a to-do of the Agenda done, named by its title */
  g_autofree char *done = g_strdup_printf (_("Mark “%s” done"), title != NULL ? title : "");
  /* Translators: the button with the menu that moves a to-do to another day */
  g_autofree char *reschedule = g_strdup_printf (_("Reschedule “%s”"), title != NULL ? title : "");
  const char *template = kith_agenda_entry_get_template (self->entry);
  /* Translators: the button of a next step's reminder that writes the step's email template */
  g_autofree char *compose = g_strdup_printf (_("Compose “%s”"), template != NULL ? template : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_check), GTK_ACCESSIBLE_PROPERTY_LABEL, done, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reschedule_button), GTK_ACCESSIBLE_PROPERTY_LABEL, reschedule, -1);
  gtk_widget_set_tooltip_text (self->compose_button, compose);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->compose_button), GTK_ACCESSIBLE_PROPERTY_LABEL, compose, -1);
}

/* A meeting's people in Kith as chips that open their records */
static void
fill_chips (KithAgendaRow *self)
{
  GStrv people = (GStrv) kith_agenda_entry_get_people (self->entry);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->chips_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->chips_box), child);
  if (kith_agenda_entry_get_kind (self->entry) != KITH_AGENDA_ENTRY_MEETING || people == NULL)
    return;

  for (guint i = 0; people[i] != NULL; i++)
    {
      KithRecordKind kind;
      gint64 id = kith_agenda_entry_get_person_id (self->entry, i, &kind);
      GtkWidget *chip = gtk_button_new_with_label (people[i]);

      /* Translators: a chip on a meeting of the Agenda, opening who attends */
      gtk_widget_set_tooltip_text (chip, _("Open"));
      gtk_widget_add_css_class (chip, "pill");
      gtk_widget_add_css_class (chip, "small");
      gtk_widget_add_css_class (chip, "participant-chip");
      /* The record it opens is the chip's action target */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (chip), "x", id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "agenda.open");
      gtk_box_append (GTK_BOX (self->chips_box), chip);
    }
}

/* The row shows the entry as it is now; computing the Agenda again updates the entry in place */
static void
sync_from_entry (KithAgendaRow *self)
{
  g_autofree char *subtitle = dup_subtitle (self->entry);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), kith_agenda_entry_get_title (self->entry));
  name_buttons (self);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  fill_chips (self);
  if (kith_agenda_entry_get_next (self->entry))
    gtk_widget_add_css_class (GTK_WIDGET (self), "next-meeting");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "next-meeting");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), kith_agenda_entry_get_record_id (self->entry) != 0);
}

static gboolean
is_todo (KithAgendaRow       *self,
         KithAgendaEntryKind  kind)
{
  return kind == KITH_AGENDA_ENTRY_TODO;
}

static gboolean
has_text (KithAgendaRow *self,
          const char    *text)
{
  return text != NULL && *text != '\0';
}

/* The conference link opens in the browser or the meeting app that handles it */
static void
on_join_clicked (GtkButton     *button,
                 KithAgendaRow *self)
{
  const char *link = kith_agenda_entry_get_link (self->entry);

  if (link != NULL)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), link, GDK_CURRENT_TIME);
}

static gboolean
is_set (KithAgendaRow *self,
        gint64         id)
{
  return id != 0;
}

static void
on_compose_clicked (GtkButton     *button,
                    KithAgendaRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "agenda.compose-step", "x",
                              kith_agenda_entry_get_record_id (self->entry));
}

static void
on_done_toggled (GtkCheckButton *check,
                 KithAgendaRow  *self)
{
  if (gtk_check_button_get_active (check))
    gtk_widget_activate_action (GTK_WIDGET (self), "agenda.done", "x", kith_agenda_entry_get_id (self->entry));
}

static void
on_activated (AdwActionRow  *row,
              KithAgendaRow *self)
{
  gint64 record = kith_agenda_entry_get_record_id (self->entry);

  if (record != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "agenda.open", "x", record);
}

/* A to-do is dragged by its id, onto a section that gives it a day */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 KithAgendaRow *self)
{
  if (kith_agenda_entry_get_kind (self->entry) != KITH_AGENDA_ENTRY_TODO)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_INT64, kith_agenda_entry_get_id (self->entry));
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithAgendaRow *self = KITH_AGENDA_ROW (widget);

  gtk_widget_activate_action (widget, "agenda.reschedule", "(xs)", kith_agenda_entry_get_id (self->entry),
                              g_variant_get_string (parameter, NULL));
}

static void
kith_agenda_row_constructed (GObject *object)
{
  KithAgendaRow *self = KITH_AGENDA_ROW (object);

  G_OBJECT_CLASS (kith_agenda_row_parent_class)->constructed (object);

  sync_from_entry (self);
  g_signal_connect_object (self->entry, "notify", G_CALLBACK (sync_from_entry), self, G_CONNECT_SWAPPED);

  /* The kind never changes: a class to find to-dos by, as a theme or a test does */
  if (kith_agenda_entry_get_kind (self->entry) == KITH_AGENDA_ENTRY_TODO)
    gtk_widget_add_css_class (GTK_WIDGET (self), "todo-row");
}

static void
kith_agenda_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_AGENDA_ROW);

  G_OBJECT_CLASS (kith_agenda_row_parent_class)->dispose (object);
}

static void
kith_agenda_row_finalize (GObject *object)
{
  KithAgendaRow *self = (KithAgendaRow *)object;

  g_clear_object (&self->entry);

  G_OBJECT_CLASS (kith_agenda_row_parent_class)->finalize (object);
}

static void
kith_agenda_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KithAgendaRow *self = KITH_AGENDA_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KithAgendaRow *self = KITH_AGENDA_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      self->entry = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_row_class_init (KithAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_agenda_row_constructed;
  object_class->dispose = kith_agenda_row_dispose;
  object_class->finalize = kith_agenda_row_finalize;
  object_class->get_property = kith_agenda_row_get_property;
  object_class->set_property = kith_agenda_row_set_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, KITH_TYPE_AGENDA_ENTRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/agenda/kith-agenda-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithAgendaRow, done_check);
  gtk_widget_class_bind_template_child (widget_class, KithAgendaRow, reschedule_button);
  gtk_widget_class_bind_template_child (widget_class, KithAgendaRow, compose_button);
  gtk_widget_class_bind_template_callback (widget_class, on_compose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, is_todo);
  gtk_widget_class_bind_template_callback (widget_class, is_set);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_bind_template_callback (widget_class, on_join_clicked);
  gtk_widget_class_bind_template_child (widget_class, KithAgendaRow, chips_box);
  gtk_widget_class_bind_template_callback (widget_class, on_done_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_prepare);

  gtk_widget_class_install_action (widget_class, "row.reschedule", "s", reschedule_action);
}

static void
kith_agenda_row_init (KithAgendaRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_agenda_row_new (KithAgendaEntry *entry)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (entry), NULL);

  return g_object_new (KITH_TYPE_AGENDA_ROW, "entry", entry, NULL);
}
