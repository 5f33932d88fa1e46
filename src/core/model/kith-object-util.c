/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the model classes share: properties that change, and notify, only on a change (GLib
 * 2.74 has no g_set_str yet) */

#define G_LOG_DOMAIN "KithObjectUtil"

#include "config.h"

#include "kith-object-util.h"

/* Whether @a and @b hold the same value: a list of strings by its strings, not by where it is
 * (g_param_values_cmp () compares boxed values as pointers, which always differ between two
 * objects read apart) */
static gboolean
same_value (GParamSpec   *pspec,
            const GValue *a,
            const GValue *b)
{
  if (pspec->value_type == G_TYPE_STRV)
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);

      if (sa == NULL || sb == NULL)
        return sa == sb;
      return g_strv_equal (sa, sb);
    }

  return g_param_values_cmp (pspec, a, b) == 0;
}

/**
 * kith_object_update:
 * @from: an object of @self's type: the same thing, read again
 * @except: (nullable): properties to leave alone, %NULL-terminated
 *
 * Copies @from's writable properties into @self, notifying only those that differ: a list
 * refreshed from the store keeps its objects, and what is bound to them shows the change.
 */
void
kith_object_update (GObject           *self,
                    GObject           *from,
                    const char *const *except)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (from, G_OBJECT_TYPE (self)));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);
  g_object_freeze_notify (self);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) old = G_VALUE_INIT;
      g_auto(GValue) fresh = G_VALUE_INIT;

      if ((pspec->flags & G_PARAM_WRITABLE) == 0 || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0 ||
          (except != NULL && g_strv_contains (except, pspec->name)))
        continue;

      g_value_init (&old, pspec->value_type);
      g_value_init (&fresh, pspec->value_type);
      g_object_get_property (self, pspec->name, &old);
      g_object_get_property (from, pspec->name, &fresh);
      if (!same_value (pspec, &old, &fresh))
        g_object_set_property (self, pspec->name, &fresh);
    }
  g_object_thaw_notify (self);
}

/* Replaces *@str by a copy of @value; returns whether it changed, so the setter notifies */
gboolean
kith_set_str (char       **str,
              const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;

  g_free (*str);
  *str = g_strdup (value);

  return TRUE;
}

/* As kith_set_str(), for a list of strings */
gboolean
kith_set_strv (GStrv              *strv,
               const char * const *value)
{
  if (*strv == NULL && value == NULL)
    return FALSE;
  if (*strv != NULL && value != NULL && g_strv_equal ((const char * const *) *strv, value))
    return FALSE;

  g_strfreev (*strv);
  *strv = g_strdupv ((char **) value);

  return TRUE;
}

/* Sets a string property's @field, notifying @pspec when it changes */
void
kith_object_set_string (GObject     *self,
                        char       **field,
                        const char  *value,
                        GParamSpec  *pspec)
{
  if (kith_set_str (field, value))
    g_object_notify_by_pspec (self, pspec);
}

void
kith_object_set_int64 (GObject    *self,
                       gint64     *field,
                       gint64      value,
                       GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (self, pspec);
}

/* A read-write string property that notifies explicitly */
GParamSpec *
kith_param_spec_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

/* A read-write property of a non-negative number (an id, a time in ms) that notifies explicitly */
GParamSpec *
kith_param_spec_int64 (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

/* The value of an enum GType whose nick is @nick (as stored, and in JSON); 0 when none is */
int
kith_enum_from_nick (GType       type,
                     const char *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return value != NULL ? value->value : 0;
}

/* The nick of @value of an enum GType; %NULL when it has none */
const char *
kith_enum_to_nick (GType type,
                   int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  return found != NULL ? found->value_nick : NULL;
}
