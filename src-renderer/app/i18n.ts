/** Every string of the window goes through i18next; English and French (Canada) are complete. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../locales/en';
import { fr } from '../locales/fr';

export const LANGUAGES = { en: 'English', fr: 'Français' } as const;
const saved = localStorage.getItem('casework.lang');

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: saved === 'fr' || saved === 'en' ? saved : navigator.language.startsWith('fr') ? 'fr' : 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem('casework.lang', lng);
  document.documentElement.lang = lng === 'fr' ? 'fr-CA' : 'en-CA';
});
document.documentElement.lang = i18n.language === 'fr' ? 'fr-CA' : 'en-CA';

export default i18n;
