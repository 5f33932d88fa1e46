/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgendaEntry"

#include "config.h"

#include "kith-agenda-entry.h"
#include "kith-enums.h"
#include "kith-types.h"

#include <string.h>

/*
 * One line of the Agenda: a to-do, a next step due, a meeting, a message waiting for a reply,
 * a person to get back in touch with, or an occasion. Which properties mean something depends
 * on the kind; the others keep their defaults.
 */

struct _KithAgendaEntry
{
  GObject              parent_instance;

  KithAgendaEntryKind  kind;
  gint64               id;          /* the to-do's, the timeline item's, or the record's */
  gint64               record_id;   /* what the entry opens; 0 for nothing */
  char                *title;
  char                *detail;
  char                *template;
  gint64               template_id; /* the stored template of that name; 0: "no template" */
  char               **people;
  char                *day;         /* "YYYY-MM-DD"; NULL for a to-do without a date */
  gint64               time;
  int                  in_days;
  int                  cadence;
  int                  overdue_days;
  int                  years;
  char                *preview;
  char                *assignee;
  char                *segment;
  char                *stage;
  char                *step;
  KithRecordKind       record_kind;
  gint64               duration;
  GArray              *people_ids;
  GArray              *people_kinds;
  char                *link;
  gboolean             next;
};

G_DEFINE_FINAL_TYPE (KithAgendaEntry, kith_agenda_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_RECORD_ID,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_TEMPLATE,
  PROP_PEOPLE,
  PROP_DAY,
  PROP_TIME,
  PROP_IN_DAYS,
  PROP_CADENCE,
  PROP_OVERDUE_DAYS,
  PROP_YEARS,
  PROP_PREVIEW,
  PROP_ASSIGNEE,
  PROP_SEGMENT,
  PROP_STAGE,
  PROP_STEP,
  PROP_RECORD_KIND,
  PROP_DURATION,
  PROP_PEOPLE_IDS,
  PROP_PEOPLE_KINDS,
  PROP_TEMPLATE_ID,
  PROP_LINK,
  PROP_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_agenda_entry_finalize (GObject *object)
{
  KithAgendaEntry *self = (KithAgendaEntry *)object;

  g_free (self->title);
  g_free (self->detail);
  g_free (self->template);
  g_strfreev (self->people);
  g_free (self->day);
  g_free (self->preview);
  g_free (self->link);
  g_free (self->assignee);
  g_free (self->segment);
  g_free (self->stage);
  g_free (self->step);
  g_clear_pointer (&self->people_ids, g_array_unref);
  g_clear_pointer (&self->people_kinds, g_array_unref);

  G_OBJECT_CLASS (kith_agenda_entry_parent_class)->finalize (object);
}

static void
kith_agenda_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithAgendaEntry *self = KITH_AGENDA_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_RECORD_ID: g_value_set_int64 (value, self->record_id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_DETAIL: g_value_set_string (value, self->detail); break;
    case PROP_TEMPLATE: g_value_set_string (value, self->template); break;
    case PROP_PEOPLE: g_value_set_boxed (value, self->people); break;
    case PROP_DAY: g_value_set_string (value, self->day); break;
    case PROP_TIME: g_value_set_int64 (value, self->time); break;
    case PROP_IN_DAYS: g_value_set_int (value, self->in_days); break;
    case PROP_CADENCE: g_value_set_int (value, self->cadence); break;
    case PROP_OVERDUE_DAYS: g_value_set_int (value, self->overdue_days); break;
    case PROP_YEARS: g_value_set_int (value, self->years); break;
    case PROP_PREVIEW: g_value_set_string (value, self->preview); break;
    case PROP_ASSIGNEE: g_value_set_string (value, self->assignee); break;
    case PROP_SEGMENT: g_value_set_string (value, self->segment); break;
    case PROP_STAGE: g_value_set_string (value, self->stage); break;
    case PROP_STEP: g_value_set_string (value, self->step); break;
    case PROP_RECORD_KIND: g_value_set_enum (value, self->record_kind); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_PEOPLE_IDS: g_value_set_boxed (value, self->people_ids); break;
    case PROP_PEOPLE_KINDS: g_value_set_boxed (value, self->people_kinds); break;
    case PROP_TEMPLATE_ID: g_value_set_int64 (value, self->template_id); break;
    case PROP_LINK: g_value_set_string (value, self->link); break;
    case PROP_NEXT: g_value_set_boolean (value, self->next); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sets a string member; notifies only when it changed */
static void
set_string (KithAgendaEntry  *self,
            char            **member,
            const GValue     *value,
            GParamSpec       *pspec)
{
  if (g_strcmp0 (*member, g_value_get_string (value)) == 0)
    return;

  g_free (*member);
  *member = g_value_dup_string (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_int (KithAgendaEntry *self,
         int             *member,
         const GValue    *value,
         GParamSpec      *pspec)
{
  if (*member == g_value_get_int (value))
    return;

  *member = g_value_get_int (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_int64 (KithAgendaEntry *self,
           gint64          *member,
           const GValue    *value,
           GParamSpec      *pspec)
{
  if (*member == g_value_get_int64 (value))
    return;

  *member = g_value_get_int64 (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_people (KithAgendaEntry *self,
            const GValue    *value)
{
  const char * const *people = g_value_get_boxed (value);

  if (self->people == NULL && people == NULL)
    return;
  if (self->people != NULL && people != NULL && g_strv_equal ((const char * const *) self->people, people))
    return;

  g_strfreev (self->people);
  self->people = g_value_dup_boxed (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEOPLE]);
}

/* Sets an array member; notifies only when it changed. An empty GArray may have no data at
 * all, which memcmp () must not be given */
static void
set_array (KithAgendaEntry  *self,
           GArray          **member,
           const GValue     *value,
           GParamSpec       *pspec)
{
  GArray *array = g_value_get_boxed (value);
  gsize size = array != NULL ? g_array_get_element_size (array) * array->len : 0;

  if ((*member == NULL && array == NULL) ||
      (*member != NULL && array != NULL && (*member)->len == array->len &&
       (size == 0 || memcmp ((*member)->data, array->data, size) == 0)))
    return;

  g_clear_pointer (member, g_array_unref);
  *member = g_value_dup_boxed (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
kith_agenda_entry_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithAgendaEntry *self = KITH_AGENDA_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KIND: self->kind = g_value_get_enum (value); break;
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_RECORD_ID: set_int64 (self, &self->record_id, value, pspec); break;
    case PROP_TITLE: set_string (self, &self->title, value, pspec); break;
    case PROP_DETAIL: set_string (self, &self->detail, value, pspec); break;
    case PROP_TEMPLATE: set_string (self, &self->template, value, pspec); break;
    case PROP_TEMPLATE_ID: set_int64 (self, &self->template_id, value, pspec); break;
    case PROP_PEOPLE: set_people (self, value); break;
    case PROP_DAY: set_string (self, &self->day, value, pspec); break;
    case PROP_TIME: set_int64 (self, &self->time, value, pspec); break;
    case PROP_IN_DAYS: set_int (self, &self->in_days, value, pspec); break;
    case PROP_CADENCE: set_int (self, &self->cadence, value, pspec); break;
    case PROP_OVERDUE_DAYS: set_int (self, &self->overdue_days, value, pspec); break;
    case PROP_YEARS: set_int (self, &self->years, value, pspec); break;
    case PROP_PREVIEW: set_string (self, &self->preview, value, pspec); break;
    case PROP_ASSIGNEE: set_string (self, &self->assignee, value, pspec); break;
    case PROP_SEGMENT: set_string (self, &self->segment, value, pspec); break;
    case PROP_STAGE: set_string (self, &self->stage, value, pspec); break;
    case PROP_STEP: set_string (self, &self->step, value, pspec); break;
    case PROP_RECORD_KIND:
      if ((int) self->record_kind != g_value_get_enum (value))
        {
          self->record_kind = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_DURATION: set_int64 (self, &self->duration, value, pspec); break;
    case PROP_PEOPLE_IDS: set_array (self, &self->people_ids, value, pspec); break;
    case PROP_PEOPLE_KINDS: set_array (self, &self->people_kinds, value, pspec); break;
    case PROP_LINK: set_string (self, &self->link, value, pspec); break;
    case PROP_NEXT:
      if (self->next != g_value_get_boolean (value))
        {
          self->next = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define CONSTRUCT (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
kith_agenda_entry_class_init (KithAgendaEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_agenda_entry_finalize;
  object_class->get_property = kith_agenda_entry_get_property;
  object_class->set_property = kith_agenda_entry_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_AGENDA_ENTRY_KIND, KITH_AGENDA_ENTRY_TODO, CONSTRUCT);
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT);
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, RW);
  /* The subject of a to-do, meeting or message; the name of a record */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RW);
  /* The step's name, the occasion's label, the message's subject or the meeting's place */
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, RW);
  /* The email template a next step suggests */
  properties[PROP_TEMPLATE] = g_param_spec_string ("template", NULL, NULL, NULL, RW);
  /* The stored template of that name (docs/templates.md); 0 when there is none */
  properties[PROP_TEMPLATE_ID] = g_param_spec_int64 ("template-id", NULL, NULL, 0, G_MAXINT64, 0, RW);
  /* The names of who a to-do or meeting is with, in order */
  properties[PROP_PEOPLE] = g_param_spec_boxed ("people", NULL, NULL, G_TYPE_STRV, RW);
  /* When a to-do or next step is due, or the occasion's day this year */
  properties[PROP_DAY] = g_param_spec_string ("day", NULL, NULL, NULL, RW);
  /* ms UTC: a meeting's start, a message's date, the last contact (0 for never) */
  properties[PROP_TIME] = g_param_spec_int64 ("time", NULL, NULL, 0, G_MAXINT64, 0, RW);
  /* Days from the Agenda's day to #KithAgendaEntry:day, negative when past */
  properties[PROP_IN_DAYS] = g_param_spec_int ("in-days", NULL, NULL, G_MININT, G_MAXINT, 0, RW);
  properties[PROP_CADENCE] = g_param_spec_int ("cadence", NULL, NULL, 0, G_MAXINT, 0, RW);
  properties[PROP_OVERDUE_DAYS] = g_param_spec_int ("overdue-days", NULL, NULL, 0, G_MAXINT, 0, RW);
  /* The age or the years an anniversary marks; -1 when the year is not known */
  properties[PROP_YEARS] = g_param_spec_int ("years", NULL, NULL, -1, G_MAXINT, -1, RW);
  /* A to-do's or message's preview */
  properties[PROP_PREVIEW] = g_param_spec_string ("preview", NULL, NULL, NULL, RW);
  /* Who a to-do from another app is for */
  properties[PROP_ASSIGNEE] = g_param_spec_string ("assignee", NULL, NULL, NULL, RW);
  /* Where the record of a next step or of someone to stay in touch with is: keys */
  properties[PROP_SEGMENT] = g_param_spec_string ("segment", NULL, NULL, NULL, RW);
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, NULL, RW);
  properties[PROP_STEP] = g_param_spec_string ("step", NULL, NULL, NULL, RW);
  /* The kind of record a next step is of */
  properties[PROP_RECORD_KIND] =
    g_param_spec_enum ("record-kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON, RW);
  /* A meeting's length in seconds; -1 when not known */
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, -1, G_MAXINT64, -1, RW);
  /* The records of #KithAgendaEntry:people (gint64) and their kinds (KithRecordKind, as int) */
  properties[PROP_PEOPLE_IDS] = g_param_spec_boxed ("people-ids", NULL, NULL, G_TYPE_ARRAY, RW);
  properties[PROP_PEOPLE_KINDS] = g_param_spec_boxed ("people-kinds", NULL, NULL, G_TYPE_ARRAY, RW);
  /* A meeting's conference link, or NULL */
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, RW);
  /* Whether the meeting is today's next one: the first not yet over */
  properties[PROP_NEXT] = g_param_spec_boolean ("next", NULL, NULL, FALSE, RW);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_agenda_entry_init (KithAgendaEntry *self)
{
  self->years = -1;
  self->duration = -1;
}

KithAgendaEntry *
kith_agenda_entry_new (KithAgendaEntryKind kind,
                       gint64              id)
{
  return g_object_new (KITH_TYPE_AGENDA_ENTRY, "kind", kind, "id", id, NULL);
}

const char *
kith_agenda_entry_get_link (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->link;
}

gboolean
kith_agenda_entry_get_next (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), FALSE);
  return self->next;
}

KithAgendaEntryKind
kith_agenda_entry_get_kind (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), KITH_AGENDA_ENTRY_TODO);
  return self->kind;
}

gint64
kith_agenda_entry_get_id (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), 0);
  return self->id;
}

gint64
kith_agenda_entry_get_record_id (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), 0);
  return self->record_id;
}

const char *
kith_agenda_entry_get_title (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->title;
}

const char *
kith_agenda_entry_get_detail (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->detail;
}

const char *
kith_agenda_entry_get_template (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->template;
}

/**
 * kith_agenda_entry_get_template_id:
 *
 * Returns: the id of the stored template a reminder's step names, or 0 when the step names
 *   none or a template that is not stored ("no template")
 */
gint64
kith_agenda_entry_get_template_id (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), 0);
  return self->template_id;
}

const char * const *
kith_agenda_entry_get_people (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return (const char * const *) self->people;
}

const char *
kith_agenda_entry_get_day (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->day;
}

gint64
kith_agenda_entry_get_time (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), 0);
  return self->time;
}

int
kith_agenda_entry_get_in_days (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), 0);
  return self->in_days;
}

int
kith_agenda_entry_get_cadence (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), 0);
  return self->cadence;
}

int
kith_agenda_entry_get_overdue_days (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), 0);
  return self->overdue_days;
}

int
kith_agenda_entry_get_years (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), -1);
  return self->years;
}

const char *
kith_agenda_entry_get_preview (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->preview;
}

const char *
kith_agenda_entry_get_assignee (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->assignee;
}

const char *
kith_agenda_entry_get_segment (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->segment;
}

const char *
kith_agenda_entry_get_stage (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->stage;
}

const char *
kith_agenda_entry_get_step (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), NULL);
  return self->step;
}

KithRecordKind
kith_agenda_entry_get_record_kind (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), KITH_RECORD_PERSON);
  return self->record_kind;
}

gint64
kith_agenda_entry_get_duration (KithAgendaEntry *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), -1);
  return self->duration;
}

/**
 * kith_agenda_entry_get_person_id:
 * @index: a position in #KithAgendaEntry:people
 *
 * Returns: the record of the person at @index, and its kind in @out_kind; 0 when unknown
 */
gint64
kith_agenda_entry_get_person_id (KithAgendaEntry *self,
                                 guint            index,
                                 KithRecordKind  *out_kind)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), 0);

  if (out_kind != NULL)
    *out_kind = self->people_kinds != NULL && index < self->people_kinds->len
                ? g_array_index (self->people_kinds, int, index) : KITH_RECORD_PERSON;

  return self->people_ids != NULL && index < self->people_ids->len ? g_array_index (self->people_ids, gint64, index) : 0;
}

/**
 * kith_agenda_entry_is_same:
 *
 * Whether @self and @other are about the same thing (the same to-do, the same record's
 * birthday…), whatever else changed: what a list keeps in place when the Agenda is computed again.
 */
gboolean
kith_agenda_entry_is_same (KithAgendaEntry *self,
                           KithAgendaEntry *other)
{
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (self), FALSE);
  g_return_val_if_fail (KITH_IS_AGENDA_ENTRY (other), FALSE);

  /* A person has a birthday and anniversaries: the label tells them apart */
  return self->kind == other->kind && self->id == other->id &&
         (self->kind != KITH_AGENDA_ENTRY_OCCASION || g_strcmp0 (self->detail, other->detail) == 0);
}

/**
 * kith_agenda_entry_update:
 * @from: the same entry (see kith_agenda_entry_is_same()), computed later
 *
 * Takes over what changed in @from, notifying each property that did.
 */
void
kith_agenda_entry_update (KithAgendaEntry *self,
                          KithAgendaEntry *from)
{
  g_return_if_fail (KITH_IS_AGENDA_ENTRY (self));
  g_return_if_fail (KITH_IS_AGENDA_ENTRY (from));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_RECORD_ID; i < N_PROPS; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, properties[i]->value_type);
      g_object_get_property (G_OBJECT (from), properties[i]->name, &value);
      /* The setters compare, and notify only a change */
      g_object_set_property (G_OBJECT (self), properties[i]->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
