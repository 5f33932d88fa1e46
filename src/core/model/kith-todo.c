/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTodo"

#include "config.h"

#include "kith-object-util.h"
#include "kith-todo.h"

/*
 * A to-do: something to do, by a day or someday, about people, companies or projects
 * (its participants). kith_store_add_todo_async() stores a new one.
 */

struct _KithTodo
{
  GObject   parent_instance;

  gint64    id;
  char     *subject;
  char     *due;            /* "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" with a local time of day; NULL for someday */
  gboolean  done;
  GArray   *participants;   /* gint64 record ids */
  char    **people;         /* their names, for a to-do read from the store */
  char     *preview;
  char     *assigner;       /* who gave it, and to whom, for one from another app */
  char     *assignee;
  char     *source;
  char     *unique_id;
};

G_DEFINE_FINAL_TYPE (KithTodo, kith_todo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SUBJECT,
  PROP_DUE,
  PROP_DONE,
  PROP_PEOPLE,
  PROP_PREVIEW,
  PROP_ASSIGNER,
  PROP_ASSIGNEE,
  PROP_SOURCE,
  PROP_UNIQUE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_todo_finalize (GObject *object)
{
  KithTodo *self = (KithTodo *)object;

  g_free (self->subject);
  g_free (self->due);
  g_clear_pointer (&self->participants, g_array_unref);
  g_strfreev (self->people);
  g_free (self->preview);
  g_free (self->assigner);
  g_free (self->assignee);
  g_free (self->source);
  g_free (self->unique_id);

  G_OBJECT_CLASS (kith_todo_parent_class)->finalize (object);
}

static void
kith_todo_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KithTodo *self = KITH_TODO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_DUE:
      g_value_set_string (value, self->due);
      break;

    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;

    case PROP_PEOPLE:
      g_value_set_boxed (value, self->people);
      break;

    case PROP_PREVIEW: g_value_set_string (value, self->preview); break;
    case PROP_ASSIGNER: g_value_set_string (value, self->assigner); break;
    case PROP_ASSIGNEE: g_value_set_string (value, self->assignee); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    case PROP_UNIQUE_ID: g_value_set_string (value, self->unique_id); break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (KithTodo     *self,
            char        **field,
            const GValue *value,
            guint         prop_id)
{
  kith_object_set_string (G_OBJECT (self), field, g_value_get_string (value), properties[prop_id]);
}

static void
kith_todo_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KithTodo *self = KITH_TODO (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    /* The rest change when the to-do is read again (kith_object_update ()): notified */
    case PROP_SUBJECT: set_string (self, &self->subject, value, prop_id); break;
    case PROP_DUE: set_string (self, &self->due, value, prop_id); break;
    case PROP_DONE:
      if (self->done != g_value_get_boolean (value))
        {
          self->done = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, properties[PROP_DONE]);
        }
      break;
    case PROP_PEOPLE:
      if (kith_set_strv (&self->people, g_value_get_boxed (value)))
        g_object_notify_by_pspec (object, properties[PROP_PEOPLE]);
      break;
    case PROP_PREVIEW: set_string (self, &self->preview, value, prop_id); break;
    case PROP_ASSIGNER: set_string (self, &self->assigner, value, prop_id); break;
    case PROP_ASSIGNEE: set_string (self, &self->assignee, value, prop_id); break;
    case PROP_SOURCE: set_string (self, &self->source, value, prop_id); break;
    case PROP_UNIQUE_ID: set_string (self, &self->unique_id, value, prop_id); break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_todo_class_init (KithTodoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_todo_finalize;
  object_class->get_property = kith_todo_get_property;
  object_class->set_property = kith_todo_set_property;

  /* 0 for one not stored yet */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  /* "YYYY-MM-DD", or NULL for someday */
  properties[PROP_DUE] = g_param_spec_string ("due", NULL, NULL, NULL, flags);
  properties[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, flags);
  /* The names of its participants, in order */
  properties[PROP_PEOPLE] = g_param_spec_boxed ("people", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_PREVIEW] = g_param_spec_string ("preview", NULL, NULL, NULL, flags);
  /* Who gave it and to whom, as the app that logged it said (docs/json.md) */
  properties[PROP_ASSIGNER] = g_param_spec_string ("assigner", NULL, NULL, NULL, flags);
  properties[PROP_ASSIGNEE] = g_param_spec_string ("assignee", NULL, NULL, NULL, flags);
  /* The app that logged it, and its id there */
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_UNIQUE_ID] = g_param_spec_string ("unique-id", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_todo_init (KithTodo *self)
{
  self->participants = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * kith_todo_new:
 * @due: (nullable): "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" (a local time of day), or %NULL for someday
 *
 * Returns: (transfer full): a to-do not stored yet
 */
KithTodo *
kith_todo_new (const char *subject,
               const char *due)
{
  return g_object_new (KITH_TYPE_TODO, "subject", subject, "due", due, NULL);
}

gint64
kith_todo_get_id (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), 0);

  return self->id;
}

const char *
kith_todo_get_subject (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  return self->subject;
}

const char *
kith_todo_get_due (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  return self->due;
}

gboolean
kith_todo_get_done (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), FALSE);

  return self->done;
}

/**
 * kith_todo_get_people:
 *
 * Returns: (transfer none) (nullable): the participants' names, for a to-do read from the store
 */
const char * const *
kith_todo_get_people (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  return (const char * const *) self->people;
}

/**
 * kith_todo_add_participant:
 *
 * Adds a record the to-do is about, once.
 */
void
kith_todo_add_participant (KithTodo *self,
                           gint64    record_id)
{
  g_return_if_fail (KITH_IS_TODO (self));

  for (guint i = 0; i < self->participants->len; i++)
    if (g_array_index (self->participants, gint64, i) == record_id)
      return;

  g_array_append_val (self->participants, record_id);
}

/**
 * kith_todo_get_participants:
 *
 * Returns: (array length=n_participants) (transfer none): the records it is about
 */
const gint64 *
kith_todo_get_participants (KithTodo *self,
                            guint    *n_participants)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  *n_participants = self->participants->len;
  return (const gint64 *) (gpointer) self->participants->data;
}

const char *
kith_todo_get_preview (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  return self->preview;
}

const char *
kith_todo_get_assigner (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  return self->assigner;
}

const char *
kith_todo_get_assignee (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  return self->assignee;
}

const char *
kith_todo_get_source (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  return self->source;
}

const char *
kith_todo_get_unique_id (KithTodo *self)
{
  g_return_val_if_fail (KITH_IS_TODO (self), NULL);

  return self->unique_id;
}
