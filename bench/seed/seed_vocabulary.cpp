#include "seed/seed_vocabulary.hpp"

namespace livedesk::bench {

namespace {
SeedLanguage english() {
  SeedLanguage l;
  l.code = "en";
  l.weight = 0.80;
  l.countries = {"US", "GB", "CA", "AU", "IE", "NZ", "IN", "NL", "SE"};
  l.first_names = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
                   "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
                   "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Emily", "Mark", "Olivia",
                   "Steven", "Sophie", "Paul", "Hannah", "Andrew", "Grace", "Priya", "Arjun", "Liam", "Chloe",
                   "Noah", "Zoe", "Ethan", "Mia", "Lucas", "Ava", "Oliver", "Isla", "Jack", "Ruby"};
  l.last_names = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
                  "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
                  "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker",
                  "Adams", "Nelson", "Campbell", "Mitchell", "Roberts", "Carter", "Patel", "Sharma", "O'Brien",
                  "Murphy", "Kelly", "Evans", "Hughes", "Edwards", "Collins", "Stewart", "Morris", "Cook"};
  l.email_domains = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me",
                     "acme-corp.com", "globex.io", "initech.com", "umbrella.co.uk", "fastmail.com"};
  l.openers = {"Hi,", "Hello,", "Hi there,", "Good morning,", "Hey,", "Hello, I need some help.", "Hi, quick question.",
               "Good afternoon,", "Hi team,"};
  l.problems = {"I have a question about my account.", "Something is not working on my side.",
                "Can you help me with my subscription?", "I was told to contact support about this."};
  l.customer_lines = {"Thanks, let me check.", "Yes, that's right.", "No, that didn't help unfortunately.",
                      "I tried that already, same result.", "It's the email address I'm writing from.",
                      "I'm using the latest version of {product}.", "It started {days} days ago.",
                      "The order number is {order}.", "It says error {error} when I click save.",
                      "Ok, one moment please.", "I just tried again and it works now!",
                      "Could you send me a confirmation by email?", "How long will that take?",
                      "I'm on Windows 11 with Chrome.", "On my iPhone, the app just closes.",
                      "That's strange, it worked yesterday.", "Sure, I can wait.", "Great, thank you so much.",
                      "Is there a way to speed this up?", "I was charged {amount} twice this month.",
                      "Do you need a screenshot?", "The tracking number {tracking} shows no update.",
                      "My colleague has the same problem.", "Can I talk to someone from billing?"};
  l.agent_greetings = {"Hi {customer}, thanks for reaching out! My name is {agent}, I'll be glad to help.",
                       "Hello {customer}, this is {agent} from the support team. How can I help you today?",
                       "Hi {customer}! {agent} here. Let me look into that for you.",
                       "Thanks for contacting us, {customer}. I'm {agent}, give me a moment to check your account."};
  l.agent_lines = {"Could you tell me the email address on your account?", "Let me check that for you.",
                   "Thanks for waiting, I can see the issue now.", "Could you try logging out and back in?",
                   "Please clear your browser cache and try again.", "I've escalated this to our engineering team.",
                   "I can see the payment of {amount} on order {order}.", "I've issued a refund of {amount}.",
                   "The refund usually shows up within 5 to 10 business days.",
                   "Could you send me a screenshot of the error message?",
                   "I've reset the password link, please check your inbox (and the spam folder).",
                   "Your order {order} left our warehouse yesterday, tracking {tracking}.",
                   "That is a known issue with {product}; a fix is planned for the next release.",
                   "I've updated your plan, the change is effective immediately.",
                   "Can you confirm the last four digits of the card?", "One moment please, I'm checking with a colleague.",
                   "Error {error} means the session expired; signing in again fixes it.",
                   "I've added a note to your account so the team knows the history.",
                   "You can export your data under Settings > Account > Export.",
                   "Two-factor authentication can be reset once we verify your identity."};
  l.customer_closers = {"That's all, thanks!", "Perfect, thanks for your help.", "Thank you, have a nice day!",
                        "Great, problem solved.", "Ok thanks, bye.", "Thanks a lot!"};
  l.agent_closers = {"Is there anything else I can help you with?", "Happy to help! Have a great day.",
                     "Thanks for your patience, {customer}. Take care!",
                     "I'll close this chat now; feel free to reach out anytime."};
  l.good_comments = {"Very helpful, thanks!", "Quick and friendly.", "Solved my problem in minutes.",
                     "{agent} was great.", "Excellent support as always.", "Fast answer, thank you."};
  l.bad_comments = {"Took way too long.", "My problem is still not solved.", "Nobody answered for ages.",
                    "Not helpful at all.", "I had to explain everything twice.", "Still waiting for my refund."};
  l.subjects = {"Question", "Help needed", "Support request"};
  return l;
}

SeedLanguage german() {
  SeedLanguage l;
  l.code = "de";
  l.weight = 0.08;
  l.countries = {"DE", "AT", "CH"};
  l.first_names = {"Lukas", "Anna", "Jonas", "Lena", "Maximilian", "Lea", "Felix", "Hannah", "Paul", "Sophie",
                   "Jürgen", "Käthe", "Björn", "Jörg", "Sören", "Mia", "Leon", "Marie", "Tobias", "Katrin"};
  l.last_names = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                  "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann"};
  l.email_domains = {"gmx.de", "web.de", "t-online.de", "posteo.de", "gmail.com", "bluewin.ch", "gmx.at"};
  l.openers = {"Hallo,", "Guten Tag,", "Guten Morgen,", "Hallo zusammen,", "Moin,"};
  l.problems = {"ich habe ein Problem mit meiner Bestellung {order}.", "ich kann mich nicht mehr anmelden.",
                "mir wurde der Betrag {amount} doppelt abgebucht.", "die Rechnung für letzten Monat fehlt.",
                "ich möchte mein Abonnement kündigen.", "die App stürzt beim Öffnen ab.",
                "meine Lieferung ist seit {days} Tagen unterwegs.", "wie ändere ich meine E-Mail-Adresse?"};
  l.customer_lines = {"Danke, ich schaue nach.", "Ja, genau.", "Nein, das hat leider nicht geholfen.",
                      "Die Bestellnummer ist {order}.", "Es kommt die Fehlermeldung {error}.",
                      "Einen Moment bitte.", "Jetzt funktioniert es wieder!", "Wie lange dauert die Rückerstattung?",
                      "Können Sie mir eine Bestätigung per E-Mail schicken?", "Ich nutze {product} auf dem Handy."};
  l.agent_greetings = {"Hallo {customer}, mein Name ist {agent}. Wie kann ich Ihnen helfen?",
                       "Guten Tag {customer}, hier ist {agent} vom Support. Ich schaue mir das gleich an."};
  l.agent_lines = {"Könnten Sie mir bitte Ihre E-Mail-Adresse nennen?", "Ich prüfe das kurz für Sie.",
                   "Ich habe die Rückerstattung über {amount} veranlasst.", "Bitte löschen Sie den Browser-Cache.",
                   "Ihre Bestellung {order} wurde gestern verschickt, Sendungsnummer {tracking}.",
                   "Ich habe das an unsere Technik weitergegeben.", "Die Kündigung ist zum Monatsende wirksam."};
  l.customer_closers = {"Vielen Dank, das war's.", "Super, danke für die Hilfe!", "Danke, schönen Tag noch!"};
  l.agent_closers = {"Kann ich sonst noch etwas für Sie tun?", "Gern geschehen, einen schönen Tag noch!"};
  l.good_comments = {"Sehr hilfreich, danke!", "Schnell und freundlich.", "Problem sofort gelöst."};
  l.bad_comments = {"Hat viel zu lange gedauert.", "Mein Problem ist immer noch nicht gelöst."};
  l.subjects = {"Bestellung", "Rechnung", "Anmeldung", "Kündigung", "Lieferung", "Rückerstattung"};
  return l;
}

SeedLanguage french() {
  SeedLanguage l;
  l.code = "fr";
  l.weight = 0.05;
  l.countries = {"FR", "BE", "CH", "CA"};
  l.first_names = {"Léa", "Hugo", "Chloé", "Louis", "Camille", "Gabriel", "Manon", "Raphaël", "Inès", "Jules",
                   "Zoé", "Théo", "Élodie", "François", "Cécile", "Gaëlle"};
  l.last_names = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                  "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garçon", "Bélanger"};
  l.email_domains = {"orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr", "videotron.ca"};
  l.openers = {"Bonjour,", "Bonsoir,", "Bonjour à tous,", "Salut,"};
  l.problems = {"je n'arrive plus à me connecter à mon compte.", "ma commande {order} n'est toujours pas arrivée.",
                "j'ai été débité deux fois de {amount}.", "je voudrais résilier mon abonnement.",
                "l'application plante au démarrage.", "je ne trouve pas ma facture du mois dernier."};
  l.customer_lines = {"Merci, je vérifie.", "Oui, c'est bien ça.", "Non, ça ne marche toujours pas.",
                      "Le numéro de commande est {order}.", "J'ai le message d'erreur {error}.", "Un instant s'il vous plaît.",
                      "Ça fonctionne maintenant, merci !", "Combien de temps pour le remboursement ?"};
  l.agent_greetings = {"Bonjour {customer}, je m'appelle {agent}. Comment puis-je vous aider ?",
                       "Bonjour {customer}, c'est {agent} du service client. Je regarde tout de suite."};
  l.agent_lines = {"Pourriez-vous me donner l'adresse e-mail de votre compte ?", "Je vérifie cela pour vous.",
                   "J'ai lancé le remboursement de {amount}.", "Votre colis {order} a été expédié, suivi {tracking}.",
                   "Veuillez vider le cache de votre navigateur.", "J'ai transmis votre demande à l'équipe technique."};
  l.customer_closers = {"Merci beaucoup, bonne journée !", "Parfait, merci pour votre aide."};
  l.agent_closers = {"Puis-je vous aider pour autre chose ?", "Avec plaisir, bonne journée !"};
  l.good_comments = {"Très efficace, merci !", "Réponse rapide et aimable."};
  l.bad_comments = {"Beaucoup trop long.", "Mon problème n'est pas résolu."};
  l.subjects = {"Commande", "Facturation", "Connexion", "Résiliation", "Livraison", "Remboursement"};
  return l;
}

SeedLanguage spanish() {
  SeedLanguage l;
  l.code = "es";
  l.weight = 0.04;
  l.countries = {"ES", "MX", "AR", "CO", "CL"};
  l.first_names = {"Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Pablo", "Valentina", "Álvaro", "Paula", "Iñaki",
                   "José", "María", "Begoña", "Raúl"};
  l.last_names = {"García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
                  "Gómez", "Muñoz", "Jiménez", "Núñez", "Ibáñez"};
  l.email_domains = {"gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es"};
  l.openers = {"Hola,", "Buenos días,", "Buenas tardes,", "Hola, buenas."};
  l.problems = {"no puedo iniciar sesión en mi cuenta.", "mi pedido {order} todavía no ha llegado.",
                "me han cobrado {amount} dos veces.", "quiero cancelar mi suscripción.",
                "la aplicación se cierra sola.", "necesito la factura del mes pasado."};
  l.customer_lines = {"Gracias, lo reviso.", "Sí, exacto.", "No, sigue sin funcionar.", "El número de pedido es {order}.",
                      "Me sale el error {error}.", "Un momento, por favor.", "¡Ya funciona, gracias!",
                      "¿Cuánto tarda el reembolso?"};
  l.agent_greetings = {"Hola {customer}, soy {agent}. ¿En qué puedo ayudarte?",
                       "Buenos días {customer}, te atiende {agent}. Lo reviso ahora mismo."};
  l.agent_lines = {"¿Me puedes indicar el correo de tu cuenta?", "Lo compruebo enseguida.",
                   "He solicitado el reembolso de {amount}.", "Tu pedido {order} salió ayer, seguimiento {tracking}.",
                   "Por favor, borra la caché del navegador.", "Lo he pasado al equipo técnico."};
  l.customer_closers = {"Muchas gracias, ¡hasta luego!", "Perfecto, gracias por la ayuda."};
  l.agent_closers = {"¿Puedo ayudarte en algo más?", "¡Un placer, que tengas buen día!"};
  l.good_comments = {"Muy amable y rápido.", "¡Excelente atención!"};
  l.bad_comments = {"Demasiado lento.", "No me resolvieron nada."};
  l.subjects = {"Pedido", "Facturación", "Inicio de sesión", "Cancelación", "Envío", "Reembolso"};
  return l;
}

SeedLanguage greek() {
  SeedLanguage l;
  l.code = "el";
  l.weight = 0.015;
  l.countries = {"GR", "CY"};
  l.first_names = {"Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Κώστας", "Σοφία", "Δημήτρης", "Αικατερίνη"};
  l.last_names = {"Παπαδόπουλος", "Νικολάου", "Γεωργίου", "Οικονόμου", "Παππάς", "Αντωνίου"};
  l.email_domains = {"otenet.gr", "gmail.com", "yahoo.gr"};
  l.openers = {"Καλημέρα,", "Γεια σας,", "Καλησπέρα,"};
  l.problems = {"δεν μπορώ να συνδεθώ στον λογαριασμό μου.", "η παραγγελία {order} δεν έχει φτάσει ακόμα.",
                "χρεώθηκα δύο φορές {amount}.", "θέλω να ακυρώσω τη συνδρομή μου."};
  l.customer_lines = {"Ευχαριστώ, θα το ελέγξω.", "Ναι, ακριβώς.", "Όχι, ακόμα δεν λειτουργεί.",
                      "Ο αριθμός παραγγελίας είναι {order}.", "Τώρα λειτουργεί, ευχαριστώ!"};
  l.agent_greetings = {"Γεια σας {customer}, είμαι ο/η {agent}. Πώς μπορώ να βοηθήσω;"};
  l.agent_lines = {"Μπορείτε να μου πείτε το email του λογαριασμού σας;", "Το ελέγχω αμέσως.",
                   "Έκανα επιστροφή χρημάτων {amount}.", "Η παραγγελία {order} στάλθηκε χθες."};
  l.customer_closers = {"Ευχαριστώ πολύ!", "Τέλεια, καλή συνέχεια."};
  l.agent_closers = {"Μπορώ να βοηθήσω σε κάτι άλλο;"};
  l.good_comments = {"Πολύ εξυπηρετικοί, ευχαριστώ!"};
  l.bad_comments = {"Άργησε πολύ."};
  l.subjects = {"Παραγγελία", "Χρέωση", "Σύνδεση"};
  return l;
}

SeedLanguage russian() {
  SeedLanguage l;
  l.code = "ru";
  l.weight = 0.015;
  l.countries = {"RU", "UA", "KZ", "BY"};
  l.first_names = {"Иван", "Мария", "Алексей", "Анна", "Дмитрий", "Екатерина", "Сергей", "Ольга", "Наталья"};
  l.last_names = {"Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова"};
  l.email_domains = {"mail.ru", "yandex.ru", "gmail.com", "ukr.net"};
  l.openers = {"Здравствуйте,", "Добрый день,", "Привет,"};
  l.problems = {"не могу войти в свой аккаунт.", "заказ {order} до сих пор не пришёл.",
                "с меня дважды списали {amount}.", "хочу отменить подписку.", "приложение закрывается при запуске."};
  l.customer_lines = {"Спасибо, сейчас проверю.", "Да, всё верно.", "Нет, всё ещё не работает.",
                      "Номер заказа {order}.", "Появляется ошибка {error}.", "Теперь работает, спасибо!"};
  l.agent_greetings = {"Здравствуйте, {customer}! Меня зовут {agent}, чем могу помочь?"};
  l.agent_lines = {"Подскажите, пожалуйста, email вашего аккаунта.", "Сейчас проверю.",
                   "Я оформил возврат {amount}.", "Ваш заказ {order} отправлен вчера, трек-номер {tracking}."};
  l.customer_closers = {"Большое спасибо!", "Отлично, спасибо за помощь."};
  l.agent_closers = {"Могу ли я ещё чем-нибудь помочь?"};
  l.good_comments = {"Очень быстро и вежливо, спасибо!"};
  l.bad_comments = {"Слишком долго ждал ответа."};
  l.subjects = {"Заказ", "Оплата", "Вход в аккаунт"};
  return l;
}

std::vector<SeedTopic> topics() {
  return {
      {"billing", 0.20,
       {"Double charge", "Invoice missing", "Billing question", "Wrong amount on my invoice", "VAT number"},
       {"I was charged {amount} twice for the same month.", "I can't find my invoice for last month.",
        "Why did my bill go up to {amount}?", "I need to add our VAT number to the invoices.",
        "My card was declined but I was still charged."},
       "billing", "Refund issued"},
      {"shipping", 0.18,
       {"Where is my order?", "Late delivery", "Package damaged", "Wrong item received"},
       {"My order {order} hasn't arrived yet, it's been {days} days.", "The package arrived damaged.",
        "I received the wrong item in order {order}.", "Tracking {tracking} hasn't updated in a week.",
        "Can I change the delivery address for order {order}?"},
       "shipping", "Solved on first contact"},
      {"login", 0.16,
       {"Can't log in", "Password reset", "Two-factor authentication", "Account locked"},
       {"I can't log in, it says my password is wrong.", "The password reset email never arrives.",
        "I lost my phone and can't get the two-factor code.", "My account is locked after too many attempts.",
        "I need to reset my password but I no longer have access to that email."},
       "login", "Solved on first contact"},
      {"bug", 0.14,
       {"App crashes", "Error message", "Sync not working", "Export broken"},
       {"The app crashes every time I open the settings.", "I get error {error} when I try to save.",
        "Sync between my phone and laptop stopped working.", "The CSV export is empty since the update.",
        "{product} freezes when I upload a large file."},
       "bug", "Escalated to engineering"},
      {"account", 0.12,
       {"Change email", "Delete my account", "Add a team member", "Upgrade plan"},
       {"How do I change the email address on my account?", "Please delete my account and all my data.",
        "How can I add a colleague to our team?", "I'd like to upgrade to the Pro plan.",
        "Can I transfer my account to another person?"},
       "onboarding", "Solved on first contact"},
      {"refund", 0.08,
       {"Refund request", "Return an item", "Money back"},
       {"I'd like a refund for order {order}.", "I returned the item {days} days ago and still no refund.",
        "How do I return {product}?", "I cancelled within the trial but was charged {amount}."},
       "refund", "Refund issued"},
      {"cancellation", 0.06,
       {"Cancel subscription", "Cancel my order", "Stop auto-renewal"},
       {"I want to cancel my subscription.", "Please cancel order {order} before it ships.",
        "How do I switch off the automatic renewal?"},
       "cancellation", "Solved on first contact"},
      {"feature", 0.06,
       {"Feature request", "Integration question", "API access"},
       {"Is there a dark mode in {product}?", "Do you integrate with Slack?", "Can I use the API on the Starter plan?",
        "It would be great if {product} could export to PDF."},
       "feature-request", "Duplicate"},
  };
}
}  // namespace

const SeedVocabulary& seed_vocabulary() {
  static const SeedVocabulary v = [] {
    SeedVocabulary s;
    s.languages = {english(), german(), french(), spanish(), greek(), russian()};
    s.topics = topics();
    s.products = {"the desktop app", "the iOS app", "the Android app", "the web dashboard", "Livedesk Pro",
                  "the browser extension", "the Starter plan", "the team workspace", "the printer driver",
                  "the smart thermostat", "the wireless headset", "the router"};
    s.notes = {"Customer is on the legacy plan, check before offering a discount.",
               "Refund approved by billing, reference {order}.", "Third contact about the same issue this month.",
               "Escalated to engineering, ticket {error}.", "VIP account, handle with priority.",
               "Customer was very frustrated, offered a voucher.", "Possible fraud: card holder name does not match.",
               "Follow up on Monday if the package is still missing.", "Known bug in {product}, see the status page.",
               "Confirmed identity with the last four digits of the card."};
    s.whispers = {"Can you take over? I'm on a break in 5 minutes.", "This one needs a refund approval, who can sign off?",
                  "Careful, this customer threatened a chargeback last time.", "Supervisor here: offer the 20% voucher.",
                  "Check the billing system, it shows two payments.", "Please ask for the order number first."};
    s.rare_lines = {"My bank mentioned a chargeback, I'd like to avoid that.", "Is the firmware 4.7.2 compatible?",
                    "Our auditors need a GDPR data processing agreement.", "The QR code on the voucher is unreadable.",
                    "I'm a journalist writing about subscription pricing.", "We are a nonprofit, is there a discount?",
                    "The barcode scanner beeps but nothing happens.", "Ich brauche eine Zahlungserinnerung storniert.",
                    "Can I pay by SEPA direct debit?", "The kerberos login at our university fails.",
                    "Is there an on-premises version for our hospital?", "The webhook signature does not verify."};
    s.tags = {{"billing", "#2e7d32"}, {"shipping", "#1565c0"}, {"login", "#6a1b9a"}, {"bug", "#c62828"},
              {"onboarding", "#00838f"}, {"refund", "#ef6c00"}, {"cancellation", "#4e342e"},
              {"feature-request", "#283593"}, {"vip", "#f9a825"}, {"complaint", "#ad1457"},
              {"mobile-app", "#558b2f"}, {"legacy-plan", "#757575"}};
    s.dispositions = {"Solved on first contact", "Escalated to engineering", "Refund issued", "Duplicate",
                      "Customer unresponsive", "Spam", "Callback requested (old)"};
    return s;
  }();
  return v;
}

}  // namespace livedesk::bench
